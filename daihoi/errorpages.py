"""A 405 in the site's language and layout.

Django's ``require_GET``/``require_POST`` answer a wrong method with an empty 405 body;
a clerk who opens a button's address directly would see a blank page. 403, 404 and 500
pages are the templates of the same names (Django renders them when DEBUG is off).
"""

from django.template.loader import render_to_string


class MethodNotAllowedPage:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            response.content = render_to_string("405.html", request=request)
            response["Content-Type"] = "text/html; charset=utf-8"
        return response
