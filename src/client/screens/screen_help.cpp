// The help centre (#/aide, guide: "Vous avez une question ?"): the questions of
// src/i18n/pages.cpp, searchable without regard to accents or case, each answer
// a disclosure with its own link (#/aide/<slug>); and the first-connection
// tutorial (guide §3: "Afin de vous aider…", "X Passer les étapes").
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <string>
#include <vector>

#include "client/screens/screens.h"
#include "client/ui/widgets.h"
#include "i18n/catalog.h"
#include "i18n/pages.h"
#include "platform/platform.h"
#include "reference/geography.h"

namespace alin::client {

namespace {

constexpr const char* kPhoneHref = "tel:+33970800800";
constexpr const char* kTutorialOffKey = "alin-tuto-off";

bool isOpen(const AppState& s, std::string_view slug) {
    return std::find(s.pages.helpOpen.begin(), s.pages.helpOpen.end(), slug) != s.pages.helpOpen.end();
}

// Every word of the query (folded: lower case, no accents, punctuation as
// spaces) appears in the question or its answer, folded the same way.
bool matches(const i18n::HelpEntry& e, const std::vector<std::string>& words) {
    if (words.empty()) return true;
    std::string text = geoSearchKey(tr(e.question));
    for (std::string_view key : e.answer) {
        text += ' ';
        text += geoSearchKey(tr(key));
    }
    for (const std::string& w : words)
        if (text.find(w) == std::string::npos) return false;
    return true;
}

std::vector<std::string> queryWords(const std::string& query) {
    std::vector<std::string> words;
    const std::string key = geoSearchKey(query);
    size_t start = 0;
    while (start < key.size()) {
        size_t end = key.find(' ', start);
        if (end == std::string::npos) end = key.size();
        if (end > start) words.push_back(key.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

}  // namespace

std::vector<const i18n::HelpEntry*> MatchingHelpEntries(const std::string& query) {
    const std::vector<std::string> words = queryWords(query);
    std::vector<const i18n::HelpEntry*> out;
    for (const i18n::HelpEntry& e : i18n::helpEntries())
        if (matches(e, words)) out.push_back(&e);
    return out;
}

void OpenHelpAnswer(AppState& s, const std::string& slug) {
    if (slug.empty() || !i18n::findHelpEntry(slug)) return;
    if (!s.pages.helpQuery.empty()) {  // the answer must not be filtered out
        s.pages.helpQuery.clear();
        ui::semantics().bumpValue("help.search");  // the DOM field shows (and keeps) the cleared search
    }
    if (!isOpen(s, slug)) s.pages.helpOpen.push_back(slug);
    ui::semantics().requestFocus("help.q." + slug);
}

void DrawHelp(AppState& s) {
    PagesState& st = s.pages;
    ui::BeginColumn(720);
    ui::Heading("help.title", tr("help.title"), 1);
    ui::Paragraph(tr("help.intro"), ui::Tone::Normal, nullptr, "help.intro");
    ui::Spacer(8);
    if (ui::TextField("help.search", tr("help.search"), st.helpQuery,
                      {.inputType = "search", .hint = tr("help.search_hint")})) {
        const size_t n = MatchingHelpEntries(st.helpQuery).size();
        s.announce = n == 0 ? trf("help.none", {st.helpQuery})
                            : trn("help.count", static_cast<long long>(n), {std::to_string(n)});
    }
    const std::vector<const i18n::HelpEntry*> found = MatchingHelpEntries(st.helpQuery);
    ui::Heading("help.faq", tr("help.faq"), 2);
    if (found.empty()) {
        ui::Paragraph(trf("help.none", {st.helpQuery}), ui::Tone::Normal, nullptr, "help.none");
    } else if (!queryWords(st.helpQuery).empty()) {
        ui::Paragraph(trn("help.count", static_cast<long long>(found.size()), {std::to_string(found.size())}),
                      ui::Tone::Mention, nullptr, "help.count");
    }
    ui::Spacer(8);
    for (const i18n::HelpEntry* e : found) {
        const std::string slug(e->slug);
        const std::string id = "help.q." + slug;
        const bool open = isOpen(s, slug);
        if (ui::Disclosure(id, tr(e->question), open)) {
            if (open)
                std::erase(st.helpOpen, slug);
            else
                st.helpOpen.push_back(slug);
        }
        if (open) {
            ui::Spacer(4);
            int p = 0;
            for (std::string_view key : e->answer)
                ui::Paragraph(tr(key), ui::Tone::Normal, nullptr, id + ".p" + std::to_string(p++));
            if (ui::Link(id + ".link", tr("help.link_to"), "#/aide/" + slug)) Navigate(s, Screen::Help, slug);
        }
        ui::Spacer(8);
    }
    ui::Spacer(16);
    ui::Heading("help.more", tr("help.more"), 2);
    ui::Paragraph(tr("help.phone"), ui::Tone::Normal, nullptr, "help.phone");
    // kiosks may intercept s.openExternal (the one path of every external link).
    if (ui::Link("help.call", tr("help.call"), kPhoneHref)) s.openExternal = kPhoneHref;
    ui::Spacer(4);
    if (ui::Link("help.contact", tr("help.contact_link"), "#/contact")) Navigate(s, Screen::InfoPage, "contact");
    if (s.user && !s.user->staff()) {
        ui::Spacer(4);
        if (ui::Link("help.write", tr("contact.link"), "#/mes-messages")) Navigate(s, Screen::Messages);
    }
    ui::Spacer(16);
    if (ui::Button("help.tutorial", tr("help.tutorial"), ui::ButtonKind::Secondary)) {
        st.tutorialOpen = true;
        st.tutorialStep = 0;
    }
    ui::EndColumn();
}

// ---------------------------------------------------------------- tutorial

std::string TutorialStorageKey(int64_t userId) {
    // FNV-1a 64 of the id: the browser's storage never holds the account id itself.
    const std::string text = "alin-account-" + std::to_string(userId);
    uint64_t h = 14695981039346656037ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016" PRIx64, h);
    return std::string("alin-tuto-") + hex;
}

void StartTutorialAfterLogin(AppState& s) {
    if (!s.user || s.user->staff()) return;
    // Set by the test harnesses (tests/e2e/harness.mjs, tests/ui/ui_harness.h) so the
    // journeys written before the tutorial are not interrupted by it.
    if (platform::storageGet(kTutorialOffKey)) return;
    if (!s.kiosk) {  // a kiosk keeps nothing: the tutorial is offered at each sign-in
        const std::string key = TutorialStorageKey(s.user->id);
        if (platform::storageGet(key)) return;
        platform::storageSet(key, "1");
    }
    s.pages.tutorialOpen = true;
    s.pages.tutorialStep = 0;
}

void DrawTutorial(AppState& s) {
    PagesState& st = s.pages;
    if (!st.tutorialOpen) return;
    const auto& steps = i18n::tutorialSteps();
    const int count = static_cast<int>(steps.size());
    st.tutorialStep = std::clamp(st.tutorialStep, 0, count - 1);
    if (!ui::BeginDialog("tuto", tr("tuto.title"))) return;
    bool close = ui::DialogEscape();
    if (ui::Button("tuto.skip", tr("tuto.skip"), ui::ButtonKind::Tertiary)) close = true;
    if (st.tutorialStep == 0) ui::Paragraph(tr("tuto.intro"), ui::Tone::Normal, nullptr, "tuto.intro");
    ui::Spacer(4);
    const std::string position = trf("tuto.position", {std::to_string(st.tutorialStep + 1), std::to_string(count)});
    ui::Paragraph(position, ui::Tone::Mention, nullptr, "tuto.position");
    const i18n::TutorialStep& step = steps[static_cast<size_t>(st.tutorialStep)];
    ui::Heading("tuto.step", tr(step.heading), 3);
    ui::Paragraph(tr(step.text), ui::Tone::Normal, nullptr, "tuto.text");
    ui::Spacer(8);
    const int before = st.tutorialStep;
    ui::BeginButtonGroup();
    if (st.tutorialStep > 0 && ui::Button("tuto.previous", tr("tuto.previous"), ui::ButtonKind::Secondary))
        --st.tutorialStep;
    const bool last = st.tutorialStep == count - 1;
    if (ui::Button("tuto.next", last ? tr("tuto.finish") : tr("tuto.next"))) {
        if (last)
            close = true;
        else
            ++st.tutorialStep;
    }
    ui::EndButtonGroup();
    ui::EndDialog();
    if (close) {
        st.tutorialOpen = false;
        st.tutorialStep = 0;
    } else if (st.tutorialStep != before) {
        const i18n::TutorialStep& now = steps[static_cast<size_t>(st.tutorialStep)];
        s.announce =
            trf("tuto.announce", {std::to_string(st.tutorialStep + 1), std::to_string(count), tr(now.heading)});
    }
}

}  // namespace alin::client
