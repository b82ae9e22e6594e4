"""The product's URLs plus ``/bench/trivial/``: a Django view that answers a constant, the baseline."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as product
from terbuka.core.policies import PUBLIC, policy


@policy(PUBLIC)
def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), *product]
