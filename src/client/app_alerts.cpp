// Controller for "Mes alertes" (src/api/api_router_alerts.h): the list, pause /
// resume, daily or immediate, delete; "Créer une alerte avec ces critères" from
// the offers screen; the "Nouvelles offres" badge and "Nouveau" marks; the
// e-mails' one-click unsubscribe page (no login).
#include <algorithm>

#include "client/app.h"
#include "client/screens/screens.h"
#include "i18n/catalog.h"

namespace alin::client {

namespace {

const char* kAlertTabCodes[3] = {"requested", "neighbours", "others"};

// The offers screen's filters as the body of POST /alerts (the offers query's names).
Json alertBodyFrom(const OffersState& o) {
    Json body = {{"tab", kAlertTabCodes[std::clamp(o.tab, 0, 2)]}};
    std::string rooms;
    for (int i = 0; i < 5; ++i) {
        if (!o.rooms[i]) continue;
        if (!rooms.empty()) rooms += ",";
        rooms += std::to_string(i + 1);
    }
    if (!rooms.empty()) body["rooms"] = rooms;
    if (o.house) body["house"] = true;
    if (o.apartment) body["apartment"] = true;
    if (o.pmr) body["pmr"] = true;
    if (!o.priceMin.empty()) body["priceMin"] = o.priceMin;
    if (!o.priceMax.empty()) body["priceMax"] = o.priceMax;
    return body;
}

}  // namespace

void App::loadAlerts() {
    AlertsState& st = state_.alerts;
    call(
        {.method = "GET",
         .path = "/api/v1/alerts",
         .busy = &st.busy,
         .error = &st.error,
         .retry = [this] { state_.alerts.reload = true; }},
        [this](const ApiReply& r) {
            AlertsState& st = state_.alerts;
            st.loaded = true;
            st.list = AlertsFromJson(r.body);
        },
        [this](const ApiReply&) { state_.alerts.loaded = true; });
}

void App::processAlertsIntents() {
    AlertsState& st = state_.alerts;
    if (st.reload && state_.user && state_.route.screen == Screen::Alerts) {
        st.reload = false;
        loadAlerts();
    }
    if (st.newsRequested && state_.user && !state_.user->staff()) {
        st.newsRequested = false;
        // The badge is a help, never an error.
        call({.method = "GET", .path = "/api/v1/alerts/news", .replies = Call::Replies::Quiet},
             [this](const ApiReply& r) {
                 AlertsState& st = state_.alerts;
                 st.newOfferIds.clear();
                 for (const Json& id : r.body.value("offerIds", Json::array()))
                     if (id.is_number_integer()) st.newOfferIds.push_back(id.get<int64_t>());
                 if (st.newOfferIds.empty()) return;
                 // The cards already shown get their mark; the next pages get it when they arrive.
                 for (OfferCard& c : state_.offers.cards) MarkNewOffer(state_, c);
                 // Seen once listed: the badge goes at the next visit.
                 call({.method = "POST",
                       .path = "/api/v1/alerts/news/seen",
                       .body = Json::object(),
                       .replies = Call::Replies::Quiet});
             });
    }
    if (st.createFromOffers) {
        st.createFromOffers = false;
        st.offersNotice.clear();
        call(
            {.method = "POST",
             .path = "/api/v1/alerts",
             .body = alertBodyFrom(state_.offers),
             .busy = &st.busy,
             .errors = &state_.offers.filterErrors},
            [this](const ApiReply& r) {
                AlertsState& st = state_.alerts;
                st.offersNotice = r.body.value("message", std::string());
                st.loaded = false;
                state_.announce = st.offersNotice;
            },
            // The offers screen shows the message above its list, the fields' messages at the filters.
            [this](const ApiReply& r) {
                state_.offers.error = r.errorMessage();
                state_.announce = state_.offers.error;
            });
    }
    // PATCH (pause, frequency) and DELETE of one alert: the same reply handling.
    auto change = [this](const char* method, int64_t id, Json body) {
        AlertsState& st = state_.alerts;
        call({.method = method,
              .path = "/api/v1/alerts/" + std::to_string(id),
              .body = std::move(body),
              .busy = &st.busy,
              .error = &st.error},
             [this](const ApiReply& r) {
                 AlertsState& st = state_.alerts;
                 st.error.clear();
                 st.notice = r.body.value("message", std::string());
                 state_.announce = st.notice;
                 loadAlerts();
             });
    };
    auto find = [&st](int64_t id) -> const AlertView* {
        for (const AlertView& a : st.list)
            if (a.id == id) return &a;
        return nullptr;
    };
    if (st.togglePause != 0) {
        const int64_t id = std::exchange(st.togglePause, 0);
        if (const AlertView* a = find(id)) change("PATCH", id, {{"paused", !a->paused}});
    }
    if (st.toggleFrequency != 0) {
        const int64_t id = std::exchange(st.toggleFrequency, 0);
        if (const AlertView* a = find(id))
            change("PATCH", id, {{"frequency", a->frequency == "daily" ? "immediate" : "daily"}});
    }
    if (st.remove != 0) {
        change("DELETE", std::exchange(st.remove, 0), nullptr);
    }
    if (state_.route.screen == Screen::AlertUnsubscribe && !st.unsubscribeSent) {
        // One click from the e-mail: the link itself unsubscribes, no login.
        st.unsubscribeSent = true;
        // No session here: every answer is the page's message.
        call({.method = "POST",
              .path = "/api/v1/alerts/unsubscribe?token=" + st.unsubscribeToken,
              .body = Json::object(),
              .on401 = Call::On401::Refused,
              .replies = Call::Replies::All},
             [this](const ApiReply& r) {
                 AlertsState& st = state_.alerts;
                 st.unsubscribeDone = r.ok();
                 st.unsubscribeMessage = r.ok() ? r.body.value("message", std::string()) : r.errorMessage();
                 state_.announce = st.unsubscribeMessage;
             });
    }
}

void MarkNewOffer(AppState& s, OfferCard& card) {
    if (card.id == 0 || card.isNew) return;
    const auto& ids = s.alerts.newOfferIds;
    if (std::find(ids.begin(), ids.end(), card.id) == ids.end()) return;
    card.isNew = true;
    card.title = trf("ui.alerts.card_new", {card.title});
    card.name = trf("ui.alerts.card_new", {card.name});
}

}  // namespace alin::client
