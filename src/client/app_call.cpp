// The one path of every request to the service (issue 12 item 5): the busy
// flag, the session's end on a 401, the unavailable banner with its retry, the
// refused request's messages at their fields, the announcement. Controllers
// (app_*.cpp) only say what a success means.
#include <algorithm>
#include <utility>

#include "client/app.h"
#include "client/screens/screens.h"
#include "i18n/catalog.h"

namespace alin::client {

void App::call(Call c, ReplyHandler done, ReplyHandler refused) {
    if (c.busy) *c.busy = true;
    if (c.inFlight) ++*c.inFlight;
    const std::string method = c.method, path = c.path;
    const Json body = std::move(c.body);
    api_->send(method, path, body,
               [this, c = std::move(c), done = std::move(done), refused = std::move(refused)](const ApiReply& r) {
                   if (c.busy) *c.busy = false;
                   if (c.inFlight) --*c.inFlight;
                   if (c.current && !c.current()) return;
                   const bool asked = std::find(c.statuses.begin(), c.statuses.end(), r.status) != c.statuses.end();
                   if (r.ok() || asked || c.replies == Call::Replies::All) {
                       if (done) done(r);
                       return;
                   }
                   const bool endsSession = c.on401 == Call::On401::EndSession ||
                                            (c.on401 == Call::On401::FieldWhenNamed && r.errorField().empty());
                   if (r.status == 401 && endsSession) return sessionExpired();
                   if (c.replies == Call::Replies::Quiet) return;
                   if (r.unavailable()) return reportUnavailable(r, c.retry);
                   std::string said = r.errorMessage();
                   if (c.errors) {
                       c.errors->fromReply(r.body);
                       if (c.errors->empty()) c.errors->general = said;
                       if (!c.errors->general.empty())
                           said = c.errors->general;
                       else
                           said = c.errors->byField.begin()->second;
                   }
                   if (c.error) *c.error = c.errors ? c.errors->general : said;
                   state_.announce = said;
                   if (refused) refused(r);
               });
}

void App::reportUnavailable(const ApiReply& reply, std::function<void()> retry) {
    state_.banner.text = reply.status == 0 ? tr("error.unavailable") : reply.errorMessage();
    state_.banner.isError = true;
    state_.banner.retryable = true;
    state_.announce = state_.banner.text;
    retry_ = std::move(retry);
}

// A 401 on a signed-in request: nothing personal stays, the login page says
// why and leads back to the page after login.
void App::sessionExpired() {
    const Route here = state_.route;
    forgetUser();
    state_.login.notice = tr("ui.login.session_ended");
    state_.announce = state_.login.notice;
    if (needsLogin(here.screen)) state_.login.afterLogin = here;
    Navigate(state_, Screen::Login);
}

}  // namespace alin::client
