# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from casework.views import cases, coordination, notes, search, timeline

app_name = "casework"

urlpatterns = [
    path("", cases.case_list_view, name="case_list"),
    path("new/", cases.case_register_view, name="case_register"),
    path("search/", search.case_search_view, name="case_search"),
    path("<int:case_pk>/", cases.case_detail_view, name="case_detail"),
    path("<int:case_pk>/persons/new/", cases.person_form_view, name="person_create"),
    path("<int:case_pk>/persons/<int:person_pk>/", cases.person_form_view, name="person_update"),
    path("<int:case_pk>/partners/", cases.membership_view, name="memberships"),
    path(
        "<int:case_pk>/partners/<int:membership_pk>/remove/",
        cases.membership_remove_view,
        name="membership_remove",
    ),
    path("<int:case_pk>/incidents/new/", cases.incident_view, name="incident_create"),
    path("<int:case_pk>/notes/new/", notes.note_view, name="note_create"),
    path("<int:case_pk>/timeline/", timeline.timeline_view, name="case_timeline"),
    path("<int:case_pk>/summary.pdf", notes.case_summary_pdf_view, name="case_summary_pdf"),
    path("<int:case_pk>/transition/<slug:name>/", cases.transition_view, name="transition"),
    path("<int:case_pk>/closure/", cases.closure_request_view, name="closure_request"),
    path("<int:case_pk>/closure/decide/", cases.closure_decide_view, name="closure_decide"),
    path(
        "<int:case_pk>/regie/",
        coordination.coordination_transfer_view,
        name="coordination_transfer",
    ),
    path("regie/", coordination.coordination_inbox_view, name="coordination_inbox"),
    path(
        "regie/<int:transfer_pk>/",
        coordination.coordination_decide_view,
        name="coordination_decide",
    ),
]
