"""The site's front door, outside the journal's namespace: `{% url 'home' %}`."""

from django.urls import path

from .views import home

urlpatterns = [path("", home, name="home")]
