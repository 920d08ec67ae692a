// Controller for "Mes candidatures" and the staff screens (docs/applications-api.md).
#include "client/app.h"
#include "client/screens/screens.h"
#include "i18n/catalog.h"

namespace alin::client {

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
            st.active = r.body.value("active", Json());
            st.history = r.body.value("history", Json::array());
            st.unread = r.body.value("unread", 0);
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
            [this](const ApiReply& r) { state_.applications.ranking = r.body; },
            // The explanation's place says why it is missing.
            [this](const ApiReply& r) {
                state_.applications.ranking = Json{{"paragraphs", Json::array({r.errorMessage()})}};
            });
    }
    if (st.cancel && !st.active.is_null()) {
        st.cancel = false;
        int64_t id = st.active.value("id", int64_t{0});
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
             [this](const ApiReply& r) { state_.staff.data = r.body; });
    }
    if (!sf.actionPath.empty() && !sf.busy) {
        std::string path = std::move(sf.actionPath);
        sf.actionPath.clear();
        sf.notice.clear();
        sf.error.clear();
        call({.method = "POST", .path = std::move(path), .body = sf.actionBody, .busy = &sf.busy, .error = &sf.error},
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
