from django.http import HttpResponse
from django.urls import path

BODY = b"<!doctype html><title>ceiling</title>" + b"x" * 20_000


def ceiling(request):
    return HttpResponse(BODY)


urlpatterns = [path("healthz", ceiling), path("bench/ceiling", ceiling)]
