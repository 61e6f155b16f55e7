def cooperative(request):
    return {"cooperative": getattr(request, "cooperative", None)}
