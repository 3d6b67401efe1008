from django.contrib import admin


class AdminSite(admin.AdminSite):
    """The admin, open only to a session that gave its second factor (accounts/second_factor.py;
    its middleware sends the others to give it before they reach here)."""

    def has_permission(self, request):
        return super().has_permission(request) and request.user.is_verified()

    def each_context(self, request):
        context = super().each_context(request)
        match = request.resolver_match
        if match and match.url_name == "procedures_case_changelist":
            # The queue needs the page's whole width for its columns at 1280 px; the home page
            # and the breadcrumbs lead everywhere else.
            context["is_nav_sidebar_enabled"] = False
        return context
