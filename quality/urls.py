from django.urls import path

from . import public, views

app_name = "quality"

urlpatterns = [
    path("dossiers/<uuid:public_id>/avis/", views.satisfaction, name="satisfaction"),
    path("dossiers/<uuid:public_id>/reclamation/", views.complaint, name="complaint"),
    path("demarches/<slug:slug>/suggestion/", views.suggestion, name="suggestion"),
    path("indicateurs/", public.indicators_page, name="indicators"),
    path("indicateurs/donnees.csv", public.open_data_csv, name="open_data_csv"),
    path("indicateurs/donnees.json", public.open_data_json, name="open_data_json"),
    path("indicateurs/<slug:slug>/", public.indicators_page, name="procedure_indicators"),
]
