# SPDX-License-Identifier: EUPL-1.2
"""A small server-rendered SVG line chart of the safety scale (0-10) over time.

Presentation attributes and classes only (no inline style), so the Content-Security-Policy
holds; the colours come from the design tokens (static/css/tokens.css) through those classes.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from config.formats import local_date

WIDTH, HEIGHT, PAD = 320, 120, 24


def scale_chart_svg(scores) -> SafeString:
    scores = list(scores)
    if not scores:
        return SafeString("")
    first, last = scores[0].recorded_at, scores[-1].recorded_at
    span = (last - first).total_seconds() or 1.0
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD

    def xy(score):
        x = PAD + (
            inner_w * (score.recorded_at - first).total_seconds() / span
            if len(scores) > 1
            else inner_w / 2
        )
        y = PAD + inner_h * (10 - score.score) / 10
        return round(x, 1), round(y, 1)

    points = [xy(s) for s in scores]
    gridlines = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" class="scale-chart__grid" stroke-width="1"/>'
        '<text x="{}" y="{}" font-size="9" class="scale-chart__label" text-anchor="end">{}</text>',
        (
            (
                PAD,
                PAD + inner_h * (10 - v) / 10,
                WIDTH - PAD,
                PAD + inner_h * (10 - v) / 10,
                PAD - 4,
                PAD + inner_h * (10 - v) / 10 + 3,
                v,
            )
            for v in (0, 5, 10)
        ),
    )
    line = format_html(
        '<polyline points="{}" fill="none" class="scale-chart__line" stroke="currentColor" stroke-width="2"/>',
        " ".join(f"{x},{y}" for x, y in points),
    )
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3.5" class="scale-chart__dot" fill="currentColor"><title>{}: {}</title></circle>',
        (
            (x, y, local_date(s.recorded_at), s.score)
            for (x, y), s in zip(points, scores, strict=True)
        ),
    )
    label = _("Veiligheidsschaal van %(first)s tot %(last)s, laatste score %(score)s van 10") % {
        "first": local_date(first),
        "last": local_date(last),
        "score": scores[-1].score,
    }
    return format_html(
        '<svg class="scale-chart" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
        'aria-label="{}" xmlns="http://www.w3.org/2000/svg">{}{}{}</svg>',
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        label,
        gridlines,
        line,
        dots,
    )
