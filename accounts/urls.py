from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views
from .forms import PasswordResetForm
from .oidc import providers
from .oidc import views as oidc_views

app_name = "accounts"

urlpatterns = [
    path("inscription/", views.SignUpView.as_view(), name="signup"),
    path("confirmer/<str:token>/", views.verify_email, name="verify_email"),
    path("confirmer-a-nouveau/", views.resend_verification, name="resend_verification"),
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("connexion/lien/", views.login_link_request, name="login_link_request"),
    path("connexion/lien/<str:token>/", views.login_link, name="login_link"),
    path("deconnexion/", oidc_views.logout, name="logout"),
    path("deconnexion/<slug:slug>/fin/", oidc_views.logged_out, name="oidc_logged_out"),
    path("connexion/lier/<str:token>/", oidc_views.confirm_link, name="oidc_link"),
    path("profil/", views.ProfileView.as_view(), name="profile"),
    path("entreprises/", views.CompanyListView.as_view(), name="companies"),
    path("entreprises/ajouter/", views.CompanyClaimView.as_view(), name="company_add"),
    path("entreprises/demandes/<uuid:public_id>/justificatif/", views.claim_proof,
         name="claim_proof"),
    path(
        "mot-de-passe/changer/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        name="password_change",
    ),
    path(
        "mot-de-passe/change/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path(
        "mot-de-passe/oubli/",
        views.PasswordResetView.as_view(
            form_class=PasswordResetForm,
            template_name="accounts/password_reset.html",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "mot-de-passe/oubli/envoye/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/nouveau/fait/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
] + [
    route
    for slug in (providers.FRANCECONNECT, providers.PROCONNECT)
    for route in (
        path(f"connexion/{slug}/", oidc_views.Start.as_view(provider_slug=slug),
             name=f"oidc_start_{slug}"),
        path(f"connexion/{slug}/retour/", oidc_views.Callback.as_view(provider_slug=slug),
             name=f"oidc_callback_{slug}"),
    )
]
