from django.contrib import admin


class AdminSite(admin.AdminSite):
    """The admin, open only to a session that gave its second factor (accounts/second_factor.py;
    its middleware sends the others to give it before they reach here)."""

    def has_permission(self, request):
        return super().has_permission(request) and request.user.is_verified()
