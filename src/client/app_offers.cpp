// Controller for "Les offres" (docs/offers-api.md): queries, paging on demand,
// the detail and "Je postule".
#include "client/app.h"
#include "client/screens/screens.h"
#include "domain/format.h"
#include "i18n/catalog.h"

namespace alin::client {

namespace {

const char* kTabCodes[3] = {"requested", "neighbours", "others"};
// In the order of the sort chips (the last one only when the workplace is known).
const char* kSortCodes[7] = {"price_asc", "price_desc", "surface_desc", "available", "deadline", "newest", "distance"};

std::string encode(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == ',') {
            out.push_back(static_cast<char>(c));
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

std::string queryString(const OffersState& o, int page) {
    std::string q = "?tab=" + std::string(kTabCodes[o.tab]);
    std::string rooms;
    for (int i = 0; i < 5; ++i) {
        if (!o.rooms[i]) continue;
        if (!rooms.empty()) rooms += ",";
        rooms += std::to_string(i + 1);
    }
    if (!rooms.empty()) q += "&rooms=" + rooms;
    if (o.house) q += "&house=1";
    if (o.apartment) q += "&apartment=1";
    if (o.pmr) q += "&pmr=1";
    if (!o.priceMin.empty()) q += "&priceMin=" + encode(o.priceMin);
    if (!o.priceMax.empty()) q += "&priceMax=" + encode(o.priceMax);
    q += "&sort=" + std::string(kSortCodes[o.sort]);
    q += "&page=" + std::to_string(page + 1) + "&pageSize=" + std::to_string(OffersState::kPageSize);
    return q;
}

OfferCard cardFrom(const Json& j) {
    auto str = [&](const char* k) {
        return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string();
    };
    OfferCard c;
    c.id = j.value("id", int64_t{0});
    // What tells offers apart (issue 11 item 11): the place with its postcode (and
    // arrondissement), rent and charges apart with the total, surface, floor and
    // lift, availability, deadline.
    c.title = str("title");
    c.house = j.value("house", false);
    c.lines[0] =
        trf("ui.offers.card.price", {str("rentText"), str("chargesText"), str("totalText"), str("effortText")});
    const std::string surface = trf("offers.detail.surface", {std::to_string(j.value("surface", 0))});
    c.lines[1] =
        trf("ui.offers.card.dwelling", {str("kind"), surface, str("floorText"), str("funding"), str("landlord")});
    if (j.value("pmr", false)) c.lines[1] += tr("ui.offers.card.pmr");
    if (const std::string distance = str("distanceText"); !distance.empty())
        c.lines[1] = trf("ui.offers.card.distance", {distance, c.lines[1]});
    const int applications = j.value("applicationsCount", 0);
    c.lines[2] =
        trf("ui.offers.card.dates", {str("availableText"), str("deadlineText"),
                                     trn("ui.offers.card.applications", applications, {std::to_string(applications)})});
    c.name = trf("ui.offers.card.name", {c.title, c.lines[0], c.lines[1], c.lines[2]});
    return c;
}

}  // namespace

void App::fetchOffersPage(int page) {
    OffersState& o = state_.offers;
    if (page >= static_cast<int>(o.pageState.size())) o.pageState.resize(page + 1, 0);
    o.pageState[page] = 1;
    uint32_t generation = o.generation;
    call(
        {.method = "GET",
         .path = "/api/v1/offers" + queryString(o, page),
         .errors = &o.filterErrors,
         .retry = [this] { state_.offers.reload = true; },
         .current = [this, generation] { return generation == state_.offers.generation; }},  // the query changed
        [this, page](const ApiReply& r) {
            OffersState& o = state_.offers;
            o.error.clear();
            o.filterErrors.clear();
            int k = 0;
            for (const auto& t : r.body.value("tabs", Json::array())) {
                if (k < 3) o.counts[k] = t.value("count", 0);
                ++k;
            }
            bool first = o.total < 0;
            o.total = r.body.value("total", 0);
            const Json& work = r.body.contains("workplace") ? r.body["workplace"] : Json();
            o.workplace = work.is_object() ? work.value("name", std::string()) : std::string();
            if (static_cast<int>(o.cards.size()) < o.total) o.cards.resize(o.total);
            int index = page * OffersState::kPageSize;
            for (const auto& item : r.body.value("items", Json::array())) {
                if (index < static_cast<int>(o.cards.size())) {
                    o.cards[index] = cardFrom(item);
                    MarkNewOffer(state_, o.cards[index]);
                }
                ++index;
            }
            if (page < static_cast<int>(o.pageState.size())) o.pageState[page] = 2;
            if (first) state_.announce = trn("ui.offers.count", o.total, {domain::formatNumber(o.total)});
        },
        [this, page](const ApiReply& r) {
            OffersState& o = state_.offers;
            if (page < static_cast<int>(o.pageState.size())) o.pageState[page] = 0;
            o.error = r.errorMessage();
            if (o.total < 0) o.total = 0;
            state_.announce = o.error;
        });
}

void App::processOffersIntents() {
    OffersState& o = state_.offers;
    if (state_.route.screen == Screen::Offers && state_.user && state_.request.loaded && state_.request.file &&
        state_.request.file->validated) {
        if (o.reload) {
            o.reload = false;
            ++o.generation;
            o.total = -1;
            o.cards.clear();
            o.pageState.clear();
            o.error.clear();
            fetchOffersPage(0);
        }
        for (int page : o.wantedPages) {
            if (page >= static_cast<int>(o.pageState.size()) || o.pageState[page] == 0) fetchOffersPage(page);
        }
        o.wantedPages.clear();
    }
    if (o.loadDetail && state_.user) {
        o.loadDetail = false;
        o.detail.reset();
        o.detailError.clear();
        o.applyError.clear();
        int64_t id = o.detailId;
        call({.method = "GET",
              .path = "/api/v1/offers/" + std::to_string(id),
              .error = &o.detailError,
              .retry = [this] { state_.offers.loadDetail = true; },
              .current = [this, id] { return id == state_.offers.detailId; }},
             [this](const ApiReply& r) {
                 OffersState& o = state_.offers;
                 o.detail = OfferDetailFromJson(r.body);
                 state_.announce = o.detail->title;
             });
    }
    if (o.apply && !o.applying) {
        o.apply = false;
        o.applyError.clear();
        call({.method = "POST",
              .path = "/api/v1/applications",
              .body = Json{{"offerId", o.detailId}},
              .busy = &o.applying,
              .error = &o.applyError},
             [this](const ApiReply&) {
                 OffersState& o = state_.offers;
                 o.appliedDialog = true;
                 o.reload = true;  // counts changed
                 state_.announce = tr("ui.offer.applied");
             });
    }
}

}  // namespace alin::client
