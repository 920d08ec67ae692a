// "Mes messages" (issue 14 part 2): the contact form - a subject from the
// list, optionally the application it is about, the message with its limit
// said and counted as it is typed (too long is refused by the service, never
// cut) - then the messages sent, each with the advisor's answer.
#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "domain/format.h"
#include "domain/utf8.h"
#include "i18n/catalog.h"

namespace alin::client {

namespace {

std::string str(const Json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

int64_t num(const Json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_number_integer() ? j[key].get<int64_t>() : 0;
}

const Json& list(const Json& j, const char* key) {
    static const Json empty = Json::array();
    return j.is_object() && j.contains(key) && j[key].is_array() ? j[key] : empty;
}

std::string number(int64_t n) {
    return domain::formatNumber(static_cast<double>(n));
}

// The applicant's applications (the active one first), for the picker.
std::vector<const Json*> Applications(const AppState& s) {
    std::vector<const Json*> out;
    if (s.applications.active.is_object()) out.push_back(&s.applications.active);
    if (s.applications.history.is_array())
        for (const Json& a : s.applications.history)
            if (a.is_object()) out.push_back(&a);
    return out;
}

void DrawForm(AppState& s) {
    ContactState& st = s.contact;
    ui::Heading("contact.form", tr("contact.form.title"), 2);
    if (!st.errors.general.empty()) ui::Notice("contact.formError", st.errors.general, ui::Tone::Error);

    ui::BeginRadioGroup("contact.subject", tr("contact.form.subject"));
    int k = 0;
    for (const Json& subject : list(st.data, "subjects")) {
        if (ui::Radio("contact.subject." + std::to_string(k), str(subject, "label"), st.subject == k)) {
            st.subject = k;
            st.errors.byField.erase("subject");
        }
        ++k;
    }
    ui::EndRadioGroup();
    if (!st.errors.at("subject").empty())
        ui::Paragraph(st.errors.at("subject"), ui::Tone::Error, nullptr, "contact.subject.error");

    const std::vector<const Json*> apps = Applications(s);
    if (!apps.empty()) {
        ui::Spacer(4);
        ui::BeginRadioGroup("contact.application", tr("contact.form.application"));
        if (ui::Radio("contact.application.none", tr("contact.form.application_none"), st.applicationId == 0))
            st.applicationId = 0;
        for (const Json* a : apps) {
            const int64_t id = num(*a, "id");
            const std::string title = str(a->value("offer", Json::object()), "title");
            const std::string label =
                trf("contact.form.application_item", {title, domain::formatDate(num(*a, "createdAt"))});
            if (ui::Radio("contact.application." + std::to_string(id), label, st.applicationId == id)) {
                st.applicationId = id;
                st.errors.byField.erase("applicationId");
            }
        }
        ui::EndRadioGroup();
        if (!st.errors.at("applicationId").empty())
            ui::Paragraph(st.errors.at("applicationId"), ui::Tone::Error, nullptr, "contact.application.error");
    }

    ui::Spacer(4);
    const int64_t maxLength = st.data.value("maxLength", int64_t{2000});
    const std::string hint = trf("contact.form.message_hint", {number(maxLength)});
    // Several lines (Enter types a new line; the button sends), kept as typed.
    if (ui::TextArea("contact.message", tr("contact.form.message"), st.message,
                     {.hint = hint, .error = st.errors.at("message"), .required = true}, 6))
        st.errors.byField.erase("message");
    // The count as it is typed: over the limit, the service says so (nothing is cut).
    const int64_t typed = static_cast<int64_t>(domain::utf8::codePointCount(st.message));
    ui::Paragraph(trn("contact.form.count", typed, {number(typed), number(maxLength)}),
                  typed > maxLength ? ui::Tone::Error : ui::Tone::Mention, ui::fonts().small, "contact.count");
    ui::Paragraph(trf("contact.form.quota", {std::to_string(st.data.value("perDay", 5))}), ui::Tone::Mention,
                  ui::fonts().small, "contact.quota");
    ui::Spacer(4);
    bool send = ui::Button("contact.send", st.sending ? tr("ui.common.wait") : tr("contact.form.send"),
                           ui::ButtonKind::Primary, st.sending, ui::NarrowColumn() ? ui::ColumnWidth() : 0.f);
    if (send && !st.sending) st.submit = true;
}

void DrawSent(const AppState& s) {
    const ContactState& st = s.contact;
    ui::Heading("contact.list", tr("contact.list.title"), 2);
    const Json& messages = list(st.data, "messages");
    if (messages.empty()) ui::Paragraph(tr("contact.list.empty"), ui::Tone::Mention);
    for (const Json& m : messages) {
        const std::string ids = std::to_string(num(m, "id"));
        ui::Separator();
        ui::Heading("contact.item" + ids,
                    trf("contact.list.item", {str(m, "subjectLabel"), domain::formatDate(num(m, "createdAt"))}), 3);
        ui::Paragraph(str(m, "message"), ui::Tone::Normal, nullptr, "contact.item" + ids + ".text");
        const std::string status = str(m, "status");
        if (!str(m, "answer").empty()) {
            ui::Paragraph(trf("contact.list.answer", {domain::formatDate(num(m, "answeredAt"))}), ui::Tone::Normal,
                          ui::fonts().bold, "contact.item" + ids + ".answerLabel");
            ui::Paragraph(str(m, "answer"), ui::Tone::Normal, nullptr, "contact.item" + ids + ".answer");
        } else {
            ui::Paragraph(tr(status == "closed" ? "contact.list.closed" : "contact.list.waiting"), ui::Tone::Mention,
                          ui::fonts().small, "contact.item" + ids + ".status");
        }
        ui::Spacer(4);
    }
}

}  // namespace

void DrawMessages(AppState& s) {
    ContactState& st = s.contact;
    ui::BeginColumn(760);
    ui::Heading("contact.title", tr("contact.title"), 1);
    ui::Paragraph(tr("contact.intro"), ui::Tone::Mention);
    if (!st.notice.empty()) ui::Notice("contact.notice", st.notice, ui::Tone::Success);
    if (!st.error.empty()) ui::Notice("contact.error", st.error, ui::Tone::Error);
    if (!st.data.is_object()) {
        ui::Paragraph(tr("app.loading"), ui::Tone::Mention);
        ui::EndColumn();
        return;
    }
    DrawForm(s);
    ui::Spacer(16);
    DrawSent(s);
    ui::EndColumn();
}

}  // namespace alin::client
