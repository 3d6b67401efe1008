from django.urls import path

from . import inbox, verification, views, wizard

app_name = "procedures"

urlpatterns = [
    path("demarches/", views.catalogue, name="catalogue"),
    path("demarches/<slug:slug>/", views.procedure_page, name="procedure"),
    path("demarches/<slug:slug>/commencer/", views.start, name="start"),
    path("mon-espace/", views.my_space, name="my_space"),
    path("dossiers/<uuid:public_id>/", views.case_page, name="case"),
    path("dossiers/<uuid:public_id>/etape/<slug:step_name>/", wizard.step, name="step"),
    path("dossiers/<uuid:public_id>/recapitulatif/", wizard.review, name="review"),
    path("dossiers/<uuid:public_id>/message/", views.post_message, name="message"),
    path("dossiers/<uuid:public_id>/retirer/", views.withdraw, name="withdraw"),
    path("dossiers/<uuid:public_id>/supprimer/", views.discard, name="discard"),
    path("documents/<uuid:public_id>/", views.download, name="document"),
    path("verifier/", verification.verify, name="verify"),
    path("mon-espace/notifications/", inbox.notification_list, name="notifications"),
]
