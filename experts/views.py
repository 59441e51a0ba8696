from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from articles.models import Category
from articles.views import PAGE_SIZE, brief_cards
from events.models import Event
from experts.forms import ExpertFilterForm
from experts.models import SPOKEN_LANGUAGES, Expert
from pagecache import fragments
from pagecache.pagination import paginate


@require_safe
def expert_list(request):
    form = ExpertFilterForm(request.GET or None)
    experts = Expert.objects.listed().for_directory()
    status = 200
    if form.is_bound:
        if form.is_valid():
            if topic := form.cleaned_data["topic"]:
                experts = experts.filter(topics=topic)
            if language := form.cleaned_data["language"]:
                experts = experts.filter(languages__language=language)
        else:
            experts = experts.none()
            status = 400
    return render(
        request,
        "experts/expert_list.html",
        {
            "form": form,
            "experts": list(experts.distinct()),
            "topics": list(Category.objects.in_order()),
            "languages": SPOKEN_LANGUAGES,
            "selected_topic": request.GET.get("topic", ""),
            "selected_language": request.GET.get("language", ""),
        },
        status=status,
    )


@require_safe
def expert_detail(request, slug: str):
    expert = get_object_or_404(
        Expert.objects.listed().for_directory(),
        author__slug=slug,
    )
    ids = expert.briefs().newest_first().values_list("pk", flat=True)
    page = paginate(request, ids, PAGE_SIZE)
    return render(
        request,
        "experts/expert_detail.html",
        {
            "expert": expert,
            "author": expert.author,
            "page": page,
            "cards": brief_cards(request, page.object_list),
            "events": fragments.remember(
                request,
                ("author-events", expert.author_id),
                lambda: list(Event.objects.public().with_person(expert.author)),
            ),
        },
    )
