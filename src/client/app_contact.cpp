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
        call({.method = "GET",
              .path = "/api/v1/contact/messages",
              .busy = &st.busy,
              .error = &st.error,
              .retry = [this] { state_.contact.reload = true; }},
             [this](const ApiReply& r) {
                 ContactState& st = state_.contact;
                 st.error.clear();
                 st.data = ContactFromJson(r.body);
             });
    }

    if (st.submit && !st.sending) {
        st.submit = false;
        st.errors.clear();
        st.notice.clear();
        const std::string subject =
            st.data && st.subject >= 0 && st.subject < static_cast<int>(st.data->subjects.size())
                ? st.data->subjects[static_cast<size_t>(st.subject)].code
                : std::string();
        Json body{{"subject", subject}, {"message", st.message}};
        if (st.applicationId > 0) body["applicationId"] = st.applicationId;
        call(
            {.method = "POST",
             .path = "/api/v1/contact/messages",
             .body = std::move(body),
             .busy = &st.sending,
             .errors = &st.errors},
            [this](const ApiReply& r) {
                ContactState& st = state_.contact;
                st.notice = r.body.value("notice", std::string());
                st.message.clear();
                st.subject = -1;
                st.applicationId = 0;
                ui::semantics().bumpValue("contact.message");
                st.reload = true;
                state_.announce = st.notice;
            },
            // Field errors stay at their fields; the text typed is kept.
            [this](const ApiReply&) {
                ContactState& st = state_.contact;
                const std::string first = !st.errors.at("subject").empty()   ? "contact.subject"
                                          : !st.errors.at("message").empty() ? "contact.message"
                                                                             : "";
                if (!first.empty())
                    ui::semantics().requestFocus(first == "contact.subject" ? "contact.subject.0" : first);
                state_.announce = !st.errors.general.empty()         ? st.errors.general
                                  : !st.errors.at("subject").empty() ? st.errors.at("subject")
                                  : !st.errors.at("message").empty() ? st.errors.at("message")
                                                                     : st.errors.at("applicationId");
            });
    }

    if (st.inboxReload && advisor && !st.inboxBusy) {
        st.inboxReload = false;
        call({.method = "GET",
              .path = "/api/v1/contact/inbox",
              .busy = &st.inboxBusy,
              .error = &st.inboxError,
              .retry = [this] { state_.contact.inboxReload = true; }},
             [this](const ApiReply& r) { state_.contact.inbox = InboxFromJson(r.body); });
    }

    if (st.inboxAction && !st.inboxBusy) {
        const ContactState::InboxAction action = std::move(*st.inboxAction);
        st.inboxAction.reset();
        st.inboxNotice.clear();
        st.inboxError.clear();
        st.answerErrors.erase(action.id);
        const int64_t id = action.id;
        const std::string path = "/api/v1/contact/inbox/" + std::to_string(id) + (action.close ? "/close" : "/answer");
        call(
            {.method = "POST",
             .path = path,
             .body = action.close ? Json::object() : Json{{"answer", action.answer}},
             .busy = &st.inboxBusy},
            [this, id](const ApiReply& r) {
                ContactState& st = state_.contact;
                st.inboxNotice = r.body.value("notice", std::string());
                st.answers.erase(id);
                st.inboxReload = true;
                state_.announce = st.inboxNotice;
            },
            // The answer's message goes under the answer being typed, per message.
            [this, id](const ApiReply& r) {
                ContactState& st = state_.contact;
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
