"""The printable entry log (nhật ký nhập phiếu): a whole election, or one box."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from .access import access_election, is_counter, is_organiser
from .entry_log import entry_log_data, render_entry_log_pdf
from .models import BallotBatch


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _access(user, election_pk: int):
    """Organisers and the congress's counting committee, as for the results page."""
    election = access_election(user, election_pk)
    if not (is_organiser(user, election) or is_counter(user, election.congress)):
        raise Http404("election not found")
    return election


@require_GET
@login_required
def election_entry_log(request, pk: int):
    election = _access(request.user, pk)
    pdf = render_entry_log_pdf(entry_log_data(election))
    return _pdf(pdf, f"nhat-ky-nhap-phieu-{election.pk}-lan-{election.round}.pdf")


@require_GET
@login_required
def batch_entry_log(request, batch_pk: int):
    batch = BallotBatch.objects.select_related("election").filter(pk=batch_pk).first()
    if batch is None:
        raise Http404("batch not found")
    election = _access(request.user, batch.election_id)
    pdf = render_entry_log_pdf(entry_log_data(election, batch))
    return _pdf(pdf, f"nhat-ky-nhap-phieu-{election.pk}-hom-{batch.number}.pdf")
