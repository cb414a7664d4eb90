from rest_framework.pagination import LimitOffsetPagination


class Pages(LimitOffsetPagination):
    """Pages of at most a hundred items; an offset past the end gives an empty page.

    Both bounds keep numbers the database cannot hold out of its queries.
    """

    max_limit = 100

    def get_offset(self, request):
        return min(super().get_offset(request), self.count)
