# SPDX-License-Identifier: EUPL-1.2
"""Page-number pagination with links (API Design Rules): `page` and `pageSize` in the
query, `_links` with self/first/prev/next/last in the body and a Link header."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param


class LinkedPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "pageSize"
    max_page_size = 200

    def _positive(self, request, name: str, maximum: int | None = None) -> None:
        values = request.query_params.getlist(name)
        if not values:
            return
        value = values[-1]
        if len(values) > 1 or not value.isdigit() or int(value) < 1:
            raise ValidationError({name: [_("Geef een geheel getal van 1 of meer.")]})
        if maximum is not None and int(value) > maximum:
            raise ValidationError({name: [_("Ten hoogste %(max)d.") % {"max": maximum}]})

    def paginate_queryset(self, queryset, request, view=None):
        """A malformed page or page size is refused (400), never silently replaced."""
        self._positive(request, self.page_query_param)
        self._positive(request, self.page_size_query_param, self.max_page_size)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters

    def _url(self, number: int) -> str:
        return replace_query_param(self.request.build_absolute_uri(), self.page_query_param, number)

    def get_paginated_response(self, data):
        page = self.page
        links = {
            "self": {"href": self._url(page.number)},
            "first": {"href": self._url(1)},
            "last": {"href": self._url(page.paginator.num_pages)},
        }
        if page.has_previous():
            links["prev"] = {"href": self._url(page.previous_page_number())}
        if page.has_next():
            links["next"] = {"href": self._url(page.next_page_number())}
        header = ", ".join(f'<{v["href"]}>; rel="{k}"' for k, v in links.items())
        return Response(
            {"_links": links, "count": page.paginator.count, "results": data},
            headers={"Link": header, "X-Total-Count": str(page.paginator.count)},
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "object", "properties": {"href": {"type": "string", "format": "uri"}}}
        return {
            "type": "object",
            "required": ["_links", "count", "results"],
            "properties": {
                "_links": {
                    "type": "object",
                    "properties": {k: link for k in ("self", "first", "prev", "next", "last")},
                },
                "count": {"type": "integer"},
                "results": schema,
            },
        }
