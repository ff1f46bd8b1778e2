# SPDX-License-Identifier: EUPL-1.2
"""Nothing a logged-in user was shown stays in a browser or proxy cache."""

from django.utils.cache import add_never_cache_headers, patch_cache_control


class NoStoreMiddleware:
    """Cache-Control: no-store (with no-cache, must-revalidate, private, max-age=0) on every
    response to an authenticated request: case pages, plans, calendar files, recovery
    codes, exports. Static files are served by WhiteNoise before this runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
