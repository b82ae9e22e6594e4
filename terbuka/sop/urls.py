from django.urls import path

app_name = "sop"
urlpatterns: list = []
