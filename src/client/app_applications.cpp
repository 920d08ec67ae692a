// Controller for "Mes candidatures" and the staff screens (docs/applications-api.md).
#include "client/app.h"
#include "client/screens/screens.h"
#include "i18n/catalog.h"

namespace alin::client {

void App::loadApplications() {
    ApplicationsState& st = state_.applications;
    st.busy = true;
    api_->send("GET", "/api/v1/applications", nullptr, [this](const ApiReply& r) {
        ApplicationsState& st = state_.applications;
        st.busy = false;
        if (r.status == 401) return sessionExpired();
        if (!r.ok()) {
            if (r.unavailable()) return reportUnavailable(r, [this] { state_.applications.reload = true; });
            st.error = r.errorMessage();
            st.loaded = true;
            return;
        }
        st.loaded = true;
        st.error.clear();
        st.active = r.body.value("active", Json());
        st.history = r.body.value("history", Json::array());
        st.unread = r.body.value("unread", 0);
        if (state_.route.screen == Screen::Applications && st.unread > 0) {
            api_->send("POST", "/api/v1/applications/read", Json::object(),
                       [this](const ApiReply&) { state_.applications.unread = 0; });
        }
    });
}

void App::processApplicationIntents() {
    ApplicationsState& st = state_.applications;
    if (st.reload && state_.user) {
        st.reload = false;
        loadApplications();
    }
    if (st.rankingRequested) {
        st.rankingRequested = false;
        api_->send("GET", "/api/v1/applications/ranking", nullptr, [this](const ApiReply& r) {
            if (r.ok())
                state_.applications.ranking = r.body;
            else
                state_.applications.ranking = Json{{"paragraphs", Json::array({r.errorMessage()})}};
        });
    }
    if (st.cancel && !st.active.is_null()) {
        st.cancel = false;
        st.busy = true;
        int64_t id = st.active.value("id", int64_t{0});
        api_->send("DELETE", "/api/v1/applications/" + std::to_string(id), nullptr, [this](const ApiReply& r) {
            ApplicationsState& st = state_.applications;
            st.busy = false;
            if (r.status == 401) return sessionExpired();
            if (r.ok()) {
                st.notice = tr("ui.app.cancelled");
                state_.announce = st.notice;
                state_.offers.reload = true;
                loadApplications();
                return;
            }
            if (r.unavailable()) return reportUnavailable(r, nullptr);
            st.error = r.errorMessage();
            state_.announce = st.error;
        });
    }

    StaffState& sf = state_.staff;
    if (state_.route.screen == Screen::Staff && state_.user && state_.user->staff() && sf.reload && !sf.busy) {
        sf.reload = false;
        sf.busy = true;
        const domain::Role role = state_.user->role;
        std::string path = role == domain::Role::Advisor    ? "/api/v1/staff/queue"
                           : role == domain::Role::Landlord ? "/api/v1/staff/landlord/offers"
                                                            : "/api/v1/staff/employer/requests";
        api_->send("GET", path, nullptr, [this](const ApiReply& r) {
            StaffState& sf = state_.staff;
            sf.busy = false;
            if (r.status == 401) return sessionExpired();
            if (!r.ok()) {
                if (r.unavailable()) return reportUnavailable(r, [this] { state_.staff.reload = true; });
                sf.error = r.errorMessage();
                return;
            }
            sf.data = r.body;
        });
    }
    if (!sf.actionPath.empty() && !sf.busy) {
        std::string path = std::move(sf.actionPath);
        sf.actionPath.clear();
        sf.busy = true;
        sf.notice.clear();
        sf.error.clear();
        api_->send("POST", path, sf.actionBody, [this](const ApiReply& r) {
            StaffState& sf = state_.staff;
            sf.busy = false;
            if (r.status == 401) return sessionExpired();
            if (r.ok()) {
                sf.notice = r.body.value("message", std::string(tr("ui.staff.done")));
                sf.selected.clear();
                sf.reasons.clear();
                sf.reload = true;
            } else if (r.unavailable()) {
                reportUnavailable(r, nullptr);
            } else {
                sf.error = r.errorMessage();
            }
            state_.announce = sf.error.empty() ? sf.notice : sf.error;
        });
    }
}

}  // namespace alin::client
