from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts import second_factor_views
from accounts.oidc import views as oidc_views

from . import legal, middleware, views

portal_patterns = (
    [
        path("", views.home, name="home"),
        path("accessibilite/", views.accessibility, name="accessibility"),
        path("mentions-legales/", legal.legal_notice, name="legal_notice"),
        path("donnees-personnelles/", legal.personal_data, name="personal_data"),
        path("cookies/", legal.cookies, name="cookies"),
        path("plan-du-site/", legal.site_map, name="site_map"),
        path("healthz", views.healthz, name="healthz"),
        path("envoi-trop-volumineux/", middleware.too_large, name="too_large"),
    ],
    "portal",
)

second_factor_patterns = (
    [
        path("", second_factor_views.enrol, name="enrol"),
        path("code/", second_factor_views.verify, name="verify"),
    ],
    "second_factor",
)

urlpatterns = [
    path("", include(portal_patterns)),
    path("", include("procedures.urls")),
    path("", include("quality.urls")),
    path("compte/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The admin's log-out also ends a ProConnect session at the provider.
    path("admin/logout/", oidc_views.logout),
    path("admin/double-authentification/", include(second_factor_patterns)),
    path("admin/", admin.site.urls),
]

if settings.GUICHET_BENCH:
    urlpatterns.append(path("bench/", include("bench.urls")))
