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

std::string number(int64_t n) {
    return domain::formatNumber(static_cast<double>(n));
}

// The applicant's applications (the active one first), for the picker.
std::vector<const ApplicationView*> Applications(const AppState& s) {
    std::vector<const ApplicationView*> out;
    if (s.applications.active) out.push_back(&*s.applications.active);
    for (const ApplicationView& a : s.applications.history) out.push_back(&a);
    return out;
}

void DrawForm(AppState& s) {
    ContactState& st = s.contact;
    ui::Heading("contact.form", tr("contact.form.title"), 2);
    if (!st.errors.general.empty()) ui::Notice("contact.formError", st.errors.general, ui::Tone::Error);

    ui::BeginRadioGroup("contact.subject", tr("contact.form.subject"));
    int k = 0;
    for (const ContactSubjectView& subject : st.data->subjects) {
        if (ui::Radio("contact.subject." + std::to_string(k), subject.label, st.subject == k)) {
            st.subject = k;
            st.errors.byField.erase("subject");
        }
        ++k;
    }
    ui::EndRadioGroup();
    if (!st.errors.at("subject").empty())
        ui::Paragraph(st.errors.at("subject"), ui::Tone::Error, nullptr, "contact.subject.error");

    const std::vector<const ApplicationView*> apps = Applications(s);
    if (!apps.empty()) {
        ui::Spacer(4);
        ui::BeginRadioGroup("contact.application", tr("contact.form.application"));
        if (ui::Radio("contact.application.none", tr("contact.form.application_none"), st.applicationId == 0))
            st.applicationId = 0;
        for (const ApplicationView* a : apps) {
            const int64_t id = a->id;
            const std::string label =
                trf("contact.form.application_item", {a->offerTitle, domain::formatDate(a->createdAt)});
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
    const int64_t maxLength = st.data->maxLength;
    const std::string hint = trf("contact.form.message_hint", {number(maxLength)});
    // Several lines (Enter types a new line; the button sends), kept as typed.
    if (ui::TextArea("contact.message", tr("contact.form.message"), st.message,
                     {.hint = hint, .error = st.errors.at("message"), .required = true}, 6))
        st.errors.byField.erase("message");
    // The count as it is typed: over the limit, the service says so (nothing is cut).
    const int64_t typed = static_cast<int64_t>(domain::utf8::codePointCount(st.message));
    ui::Paragraph(trn("contact.form.count", typed, {number(typed), number(maxLength)}),
                  typed > maxLength ? ui::Tone::Error : ui::Tone::Mention, ui::fonts().small, "contact.count");
    ui::Paragraph(trf("contact.form.quota", {std::to_string(st.data->perDay)}), ui::Tone::Mention, ui::fonts().small,
                  "contact.quota");
    ui::Spacer(4);
    bool send = ui::Button("contact.send", st.sending ? tr("ui.common.wait") : tr("contact.form.send"),
                           ui::ButtonKind::Primary, st.sending, ui::NarrowColumn() ? ui::ColumnWidth() : 0.f);
    if (send && !st.sending) st.submit = true;
}

void DrawSent(const AppState& s) {
    const ContactState& st = s.contact;
    ui::Heading("contact.list", tr("contact.list.title"), 2);
    const std::vector<ContactMessageView>& messages = st.data->messages;
    if (messages.empty()) ui::Paragraph(tr("contact.list.empty"), ui::Tone::Mention);
    for (const ContactMessageView& m : messages) {
        const std::string ids = std::to_string(m.id);
        ui::Separator();
        ui::Heading("contact.item" + ids, trf("contact.list.item", {m.subjectLabel, domain::formatDate(m.createdAt)}),
                    3);
        ui::Paragraph(m.message, ui::Tone::Normal, nullptr, "contact.item" + ids + ".text");
        if (!m.answer.empty()) {
            ui::Paragraph(trf("contact.list.answer", {domain::formatDate(m.answeredAt)}), ui::Tone::Normal,
                          ui::fonts().bold, "contact.item" + ids + ".answerLabel");
            ui::Paragraph(m.answer, ui::Tone::Normal, nullptr, "contact.item" + ids + ".answer");
        } else {
            ui::Paragraph(tr(m.status == "closed" ? "contact.list.closed" : "contact.list.waiting"), ui::Tone::Mention,
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
    if (!st.data) {
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
