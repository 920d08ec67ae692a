// Controller for "Mes candidatures" and the staff screens (docs/applications-api.md).
#include "client/app.h"
#include "client/screens/screens.h"
#include "i18n/catalog.h"

namespace alin::client {

namespace {

// A staff member's step as its request (docs/applications-api.md).
std::pair<std::string, Json> staffRequest(const StaffAction& a) {
    using Kind = StaffAction::Kind;
    const std::string base = "/api/v1/staff/";
    const std::string app = base + "applications/" + std::to_string(a.id) + "/";
    switch (a.kind) {
        case Kind::Validate:
            return {app + "validate", Json::object()};
        case Kind::Invalidate:
            return {app + "invalidate", Json{{"reason", a.text}}};
        case Kind::Send:
            return {base + "offers/" + std::to_string(a.id) + "/send", Json{{"applicationIds", a.applicationIds}}};
        case Kind::Contact:
            return {app + "contact", Json{{"note", a.text}}};
        case Kind::Commission:
            return {app + "commission", Json::object()};
        case Kind::Decision: {
            Json body{{"decision", a.decision}};
            if (a.decision == "attribution_ranked") body["rank"] = a.rank;
            return {app + "decision", std::move(body)};
        }
        case Kind::Document:
            return {app + "document", Json::object()};
        case Kind::Lease:
            return {app + "lease", Json::object()};
    }
    return {app, Json::object()};
}

}  // namespace

void App::loadApplications() {
    ApplicationsState& st = state_.applications;
    call(
        {.method = "GET",
         .path = "/api/v1/applications",
         .busy = &st.busy,
         .error = &st.error,
         .retry = [this] { state_.applications.reload = true; }},
        [this](const ApiReply& r) {
            ApplicationsState& st = state_.applications;
            st.loaded = true;
            st.error.clear();
            const Json& active = r.body.value("active", Json());
            st.active.reset();
            if (!active.is_null()) st.active = ApplicationFromJson(active);
            st.history.clear();
            for (const Json& h : reply::array(r.body, "history")) st.history.push_back(ApplicationFromJson(h));
            st.unread = static_cast<int>(reply::integer(r.body, "unread"));
            if (state_.route.screen == Screen::Applications && st.unread > 0) {
                call({.method = "POST",
                      .path = "/api/v1/applications/read",
                      .body = Json::object(),
                      .replies = Call::Replies::Quiet},
                     [this](const ApiReply&) { state_.applications.unread = 0; });
            }
        },
        [this](const ApiReply&) { state_.applications.loaded = true; });
}

void App::processApplicationIntents() {
    ApplicationsState& st = state_.applications;
    if (st.reload && state_.user) {
        st.reload = false;
        loadApplications();
    }
    if (st.rankingRequested) {
        st.rankingRequested = false;
        call(
            {.method = "GET", .path = "/api/v1/applications/ranking"},
            [this](const ApiReply& r) { state_.applications.ranking = RankingFromJson(r.body); },
            // The explanation's place says why it is missing.
            [this](const ApiReply& r) { state_.applications.ranking = std::vector<std::string>{r.errorMessage()}; });
    }
    if (st.cancel && st.active) {
        st.cancel = false;
        const int64_t id = st.active->id;
        call({.method = "DELETE",
              .path = "/api/v1/applications/" + std::to_string(id),
              .busy = &st.busy,
              .error = &st.error},
             [this](const ApiReply&) {
                 ApplicationsState& st = state_.applications;
                 st.notice = tr("ui.app.cancelled");
                 state_.announce = st.notice;
                 state_.offers.reload = true;
                 loadApplications();
             });
    }

    StaffState& sf = state_.staff;
    if (state_.route.screen == Screen::Staff && state_.user && state_.user->staff() && sf.reload && !sf.busy) {
        sf.reload = false;
        const domain::Role role = state_.user->role;
        std::string path = role == domain::Role::Advisor    ? "/api/v1/staff/queue"
                           : role == domain::Role::Landlord ? "/api/v1/staff/landlord/offers"
                                                            : "/api/v1/staff/employer/requests";
        call({.method = "GET",
              .path = std::move(path),
              .busy = &sf.busy,
              .error = &sf.error,
              .retry = [this] { state_.staff.reload = true; }},
             [this](const ApiReply& r) { state_.staff.data = StaffFromJson(r.body); });
    }
    if (sf.action && !sf.busy) {
        const StaffAction action = std::move(*sf.action);
        sf.action.reset();
        sf.notice.clear();
        sf.error.clear();
        auto [path, body] = staffRequest(action);
        call({.method = "POST", .path = std::move(path), .body = std::move(body), .busy = &sf.busy, .error = &sf.error},
             [this](const ApiReply& r) {
                 StaffState& sf = state_.staff;
                 sf.notice = r.body.value("message", std::string(tr("ui.staff.done")));
                 sf.selected.clear();
                 sf.reasons.clear();
                 sf.reload = true;
                 state_.announce = sf.notice;
             });
    }
}

}  // namespace alin::client
