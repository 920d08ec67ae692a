// Controller of "Mes données" (issue 14 part 3): GET /api/v1/me/data, the JSON
// download and the printable HTML version (my_data_html.h) through the
// platform layer (neither in kiosk mode), and
// POST /api/v1/me/delete with the password.
#include "client/app.h"
#include "client/my_data_html.h"
#include "client/screens/screens.h"
#include "client/ui/semantics.h"
#include "i18n/catalog.h"
#include "platform/platform.h"

namespace alin::client {

void App::processMyDataIntents() {
    MyDataState& st = state_.myData;
    if (st.reload && state_.user && !st.busy) {
        st.reload = false;
        st.busy = true;
        api_->send("GET", "/api/v1/me/data", nullptr, [this](const ApiReply& r) {
            MyDataState& st = state_.myData;
            st.busy = false;
            if (r.status == 401) return sessionExpired();
            if (!r.ok()) {
                if (r.unavailable()) return reportUnavailable(r, [this] { state_.myData.reload = true; });
                st.error = r.errorMessage();
                return;
            }
            st.error.clear();
            st.data = r.body.value("data", Json::object());
        });
    }
    if (st.download) {
        st.download = false;
        // A shared terminal keeps no file: the screen says so instead (kiosk).
        if (!state_.kiosk && st.data.is_object()) {
            platform::downloadFile("mes-donnees-alin.json", "application/json", st.data.dump(2));
            st.downloaded = true;
            state_.announce = tr("mydata.download.done");
        }
    }
    if (st.print) {
        st.print = false;
        // Same rule as the download: nothing personal is printed from a shared terminal.
        if (!state_.kiosk && st.data.is_object()) {
            platform::openDocument(MyDataHtml(st.data, st.data.value("exportedAt", int64_t{0})));
            st.printed = true;
            state_.announce = tr("mydata.print.done");
        }
    }
    if (st.doDelete && !st.deleting) {
        st.doDelete = false;
        st.deleteErrors.clear();
        if (st.password.empty()) {
            st.deleteErrors.byField["password"] = tr("account.login.password_required");
            state_.announce = st.deleteErrors.byField["password"];
            ui::semantics().requestFocus("mydata.password");
            return;
        }
        st.deleting = true;
        api_->send("POST", "/api/v1/me/delete", Json{{"password", st.password}}, [this](const ApiReply& r) {
            MyDataState& st = state_.myData;
            st.deleting = false;
            if (r.ok()) {
                const std::string notice = r.body.value("message", std::string(tr("mydata.delete.done")));
                forgetUser();
                state_.myData.deletedNotice = notice;
                Navigate(state_, Screen::Home);
                return;
            }
            // A wrong password is a 401 at the field; a 401 without a field is the session's end.
            if (r.status == 401 && r.errorField().empty()) return sessionExpired();
            if (r.unavailable()) return reportUnavailable(r, nullptr);
            st.deleteErrors.fromReply(r.body);
            if (st.deleteErrors.empty()) st.deleteErrors.general = r.errorMessage();
            st.password.clear();
            ui::semantics().bumpValue("mydata.password");
            ui::semantics().requestFocus("mydata.password");
            state_.announce =
                st.deleteErrors.at("password").empty() ? st.deleteErrors.general : st.deleteErrors.at("password");
        });
    }
}

}  // namespace alin::client
