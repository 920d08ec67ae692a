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
        call({.method = "GET",
              .path = "/api/v1/me/data",
              .busy = &st.busy,
              .error = &st.error,
              .retry = [this] { state_.myData.reload = true; }},
             [this](const ApiReply& r) {
                 MyDataState& st = state_.myData;
                 st.error.clear();
                 st.exported = r.body.value("data", Json::object());
                 st.data = MyDataFromJson(st.exported);
             });
    }
    if (st.download) {
        st.download = false;
        // A shared terminal keeps no file: the screen says so instead (kiosk).
        if (!state_.kiosk && st.exported.is_object()) {
            platform::downloadFile("mes-donnees-alin.json", "application/json", st.exported.dump(2));
            st.downloaded = true;
            state_.announce = tr("mydata.download.done");
        }
    }
    if (st.print) {
        st.print = false;
        // Same rule as the download: nothing personal is printed from a shared terminal.
        if (!state_.kiosk && st.exported.is_object()) {
            platform::openDocument(MyDataHtml(st.exported, st.exported.value("exportedAt", int64_t{0})));
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
        // A wrong password is a 401 at the field; a 401 without a field is the session's end.
        call(
            {.method = "POST",
             .path = "/api/v1/me/delete",
             .body = Json{{"password", st.password}},
             .busy = &st.deleting,
             .errors = &st.deleteErrors,
             .on401 = Call::On401::FieldWhenNamed},
            [this](const ApiReply& r) {
                const std::string notice = r.body.value("message", std::string(tr("mydata.delete.done")));
                forgetUser();
                state_.myData.deletedNotice = notice;
                Navigate(state_, Screen::Home);
            },
            [this](const ApiReply&) {
                MyDataState& st = state_.myData;
                st.password.clear();
                ui::semantics().bumpValue("mydata.password");
                ui::semantics().requestFocus("mydata.password");
                state_.announce =
                    st.deleteErrors.at("password").empty() ? st.deleteErrors.general : st.deleteErrors.at("password");
            });
    }
}

}  // namespace alin::client
