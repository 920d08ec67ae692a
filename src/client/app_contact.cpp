// Controller of "Mes messages" and of the advisors' contact inbox (issue 14
// part 2, docs in src/api/api_router_contact.h): GET/POST /api/v1/contact/messages,
// GET /api/v1/contact/inbox, POST .../answer and .../close.
#include "client/app.h"
#include "client/screens/screens.h"
#include "client/ui/semantics.h"
#include "i18n/catalog.h"

namespace alin::client {

void App::processContactIntents() {
    ContactState& st = state_.contact;
    const bool applicant = state_.user && !state_.user->staff();
    const bool advisor = state_.user && state_.user->role == domain::Role::Advisor;

    if (st.reload && applicant && !st.busy) {
        st.reload = false;
        st.busy = true;
        api_->send("GET", "/api/v1/contact/messages", nullptr, [this](const ApiReply& r) {
            ContactState& st = state_.contact;
            st.busy = false;
            if (r.status == 401) return sessionExpired();
            if (!r.ok()) {
                if (r.unavailable()) return reportUnavailable(r, [this] { state_.contact.reload = true; });
                st.error = r.errorMessage();
                return;
            }
            st.error.clear();
            st.data = r.body;
        });
    }

    if (st.submit && !st.sending) {
        st.submit = false;
        st.errors.clear();
        st.notice.clear();
        const Json& subjects = st.data.is_object() ? st.data.value("subjects", Json::array()) : Json::array();
        const std::string subject = st.subject >= 0 && st.subject < static_cast<int>(subjects.size())
                                        ? subjects[static_cast<size_t>(st.subject)].value("code", std::string())
                                        : std::string();
        Json body{{"subject", subject}, {"message", st.message}};
        if (st.applicationId > 0) body["applicationId"] = st.applicationId;
        st.sending = true;
        api_->send("POST", "/api/v1/contact/messages", body, [this](const ApiReply& r) {
            ContactState& st = state_.contact;
            st.sending = false;
            if (r.status == 401) return sessionExpired();
            if (r.ok()) {
                st.notice = r.body.value("notice", std::string());
                st.message.clear();
                st.subject = -1;
                st.applicationId = 0;
                ui::semantics().bumpValue("contact.message");
                st.reload = true;
                state_.announce = st.notice;
                return;
            }
            if (r.unavailable()) return reportUnavailable(r, nullptr);
            // Field errors stay at their fields; the text typed is kept.
            st.errors.fromReply(r.body);
            if (st.errors.byField.empty()) st.errors.general = r.errorMessage();
            const std::string first = !st.errors.at("subject").empty()   ? "contact.subject"
                                      : !st.errors.at("message").empty() ? "contact.message"
                                                                         : "";
            if (!first.empty()) ui::semantics().requestFocus(first == "contact.subject" ? "contact.subject.0" : first);
            state_.announce = !st.errors.general.empty()         ? st.errors.general
                              : !st.errors.at("subject").empty() ? st.errors.at("subject")
                              : !st.errors.at("message").empty() ? st.errors.at("message")
                                                                 : st.errors.at("applicationId");
        });
    }

    if (st.inboxReload && advisor && !st.inboxBusy) {
        st.inboxReload = false;
        st.inboxBusy = true;
        api_->send("GET", "/api/v1/contact/inbox", nullptr, [this](const ApiReply& r) {
            ContactState& st = state_.contact;
            st.inboxBusy = false;
            if (r.status == 401) return sessionExpired();
            if (!r.ok()) {
                if (r.unavailable()) return reportUnavailable(r, [this] { state_.contact.inboxReload = true; });
                st.inboxError = r.errorMessage();
                return;
            }
            st.inbox = r.body;
        });
    }

    if (!st.actionPath.empty() && !st.inboxBusy) {
        const std::string path = std::move(st.actionPath);
        st.actionPath.clear();
        st.inboxBusy = true;
        st.inboxNotice.clear();
        st.inboxError.clear();
        st.answerErrors.erase(st.actionId);
        api_->send("POST", path, st.actionBody, [this, id = st.actionId](const ApiReply& r) {
            ContactState& st = state_.contact;
            st.inboxBusy = false;
            if (r.status == 401) return sessionExpired();
            if (r.ok()) {
                st.inboxNotice = r.body.value("notice", std::string());
                st.answers.erase(id);
                st.inboxReload = true;
                state_.announce = st.inboxNotice;
                return;
            }
            if (r.unavailable()) return reportUnavailable(r, nullptr);
            if (r.errorField() == "answer") {
                st.answerErrors[id] = r.errorMessage();
                ui::semantics().requestFocus("inbox.answer" + std::to_string(id));
                state_.announce = st.answerErrors[id];
                return;
            }
            st.inboxError = r.errorMessage();
            st.inboxReload = true;
            state_.announce = st.inboxError;
        });
    }
}

}  // namespace alin::client
