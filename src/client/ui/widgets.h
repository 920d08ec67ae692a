// The widget set every screen uses. Each widget draws with ImGui and records
// its semantic node (role, accessible name, state, rectangle), and answers the
// DOM events addressed to its stable id.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "client/ui/semantics.h"
#include "client/ui/theme.h"
#include "imgui.h"

namespace alin::ui {

enum class ButtonKind { Primary, Secondary, Tertiary };
enum class Tone { Normal, Mention, Error, Success };

// A column of at most maxWidth logical pixels (responsive layout), starting at
// the left edge of the page: kPageWidth at most, centred in the window.
inline constexpr float kPageWidth = 1200.f;
// Forgets any column left open (after a frame interrupted by an error).
void ResetLayout();
void BeginColumn(float maxWidth = 640.f);
void EndColumn();
float ColumnWidth();
void Spacer(float height);
// A horizontal rule across the current column (not the whole window).
void Separator();
// A column inside the current one (a side column of filters beside the
// results): starts `offsetX` px right of the current column's left edge, at
// screen y `top`, `width` wide. Items wrap and stack inside it.
void BeginSubColumn(float offsetX, float width, float top);
void EndSubColumn();

// Layout primitives for narrow screens (phones first: 320 to 390 px wide).
// A column narrower than this stacks button groups and key/value rows.
inline constexpr float kNarrowColumn = 480.f;
bool NarrowColumn();
// A flow: the items drawn between BeginFlow and EndFlow (chips, tabs, links,
// buttons) go left to right and wrap to the next line when the next one does
// not fit in the column. An item wider than the column wraps its own label.
void BeginFlow(float spacingX = 8.f, float spacingY = 8.f);
void EndFlow();
// A button group (DSFR fr-btns-group): side by side when the column is wide,
// stacked at the full column width when it is narrow.
void BeginButtonGroup();
void EndButtonGroup();
// Text wrapped at `width` (0: the rest of the column) at the cursor, in the
// current font; advances the cursor. Returns its size.
ImVec2 WrappedText(std::string_view text, ImU32 color, float width = 0.f);

void Heading(std::string_view id, std::string_view text, int level = 1);
// id: stable id (default: automatic). Field errors use "<field id>.error" so the
// DOM layer can point the field's aria-describedby at the visible message.
void Paragraph(std::string_view text, Tone tone = Tone::Normal, ImFont* font = nullptr, std::string_view id = {});
// Text with a leading ✓ or ✗ (live checklists). Mirrored as text "✓ label" with
// a description "règle respectée" / "règle non respectée".
void ChecklistItem(std::string_view id, std::string_view text, bool ok);

bool Button(std::string_view id, std::string_view label, ButtonKind kind = ButtonKind::Primary, bool disabled = false,
            float width = 0.f);
// A hyperlink. Internal routes start with "#/"; external ones open in a new tab.
bool Link(std::string_view id, std::string_view label, std::string_view href = {});

struct FieldOptions {
    std::string_view inputType = "text";  // text, email, tel, password
    std::string_view autocomplete;        // email, tel, given-name, family-name, current-password, new-password
    std::string_view hint;                // shown under the label
    std::string_view error;               // shown under the field, red
    bool required = false;
    float width = 0.f;  // 0: the column's width
    // Mostly digits (Numéro Unique, codes, prices): the kiosk's on-screen keyboard
    // opens on its numeric pad (as it does for inputType "tel").
    bool digitPad = false;
};
// A text field bridged with a real DOM <input>. Returns true when the value changed.
bool TextField(std::string_view id, std::string_view label, std::string& value, const FieldOptions& options = {});
// Returns true when the field asked to submit (Enter pressed in it).
bool FieldSubmitted(std::string_view id);
// A multi-line text field (a message to an advisor): label above, hint, the
// box `visibleLines` lines tall, error below, as TextField. Bridged with a real
// DOM <textarea> (role textbox, multi-line): the text wraps at the box's width
// (never scrolls sideways) and Enter types a new line (never submits); the
// value keeps its '\n'. Returns true when the value changed.
bool TextArea(std::string_view id, std::string_view label, std::string& value, const FieldOptions& options = {},
              int visibleLines = 5);
// The height of a TextArea's box (without label, hint and error) for `visibleLines`.
float TextAreaHeight(int visibleLines);

// Returns true when the value changed this frame (pointer or DOM).
bool Checkbox(std::string_view id, std::string_view label, bool& value, std::string_view error = {});

// A message box: info (polite status) or error (alert).
void Notice(std::string_view id, std::string_view text, Tone tone);

// Tabs ("Communes demandées" | ...): the selected one in red with its count badge.
void BeginTabBar(std::string_view id, std::string_view name);
bool Tab(std::string_view id, std::string_view label, bool selected, int badge = -1);
void EndTabBar();

// Radio buttons in a group; returns true when this one gets selected.
void BeginRadioGroup(std::string_view id, std::string_view label);
bool Radio(std::string_view id, std::string_view label, bool selected);
void EndRadioGroup();

// A searchable picker: a text field with a list of options below while open.
struct ComboState {
    std::string query;
    bool open = false;
    int highlighted = -1;
};
// options: display labels. Returns the index chosen this frame, or -1.
int SearchCombo(std::string_view id, std::string_view label, ComboState& state, const std::vector<std::string>& options,
                std::string_view hint = {});

// "Label : value" (read-only data), mirrored as text: on one line when it
// fits, otherwise the label above the value, each wrapped to the column.
void KeyValue(std::string_view label, std::string_view value);
// A small pill (counts, statuses).
void Badge(std::string_view text, ImU32 bg, ImU32 fg);

// The 7-step tracker: steps labels, current 1-based step, failed marks a stop.
void Stepper(std::string_view id, std::string_view name, const std::vector<std::string>& steps, int current,
             bool failed);

// Top navigation of a signed-in applicant; returns the index clicked or -1.
// When the links do not fit on one line it collapses behind a "Menu" button
// (a disclosure, as the DSFR header does on phones) showing them stacked.
int NavBar(std::string_view id, const std::vector<std::string>& labels, const std::vector<std::string>& hrefs,
           int current, std::string_view menuLabel = "Menu");

// Decorative pictures (placeholders by dwelling type): drawn, never in the
// accessibility tree (the type is said in words next to them).
enum class Picture { None, Apartment, House };
// Draws `kind` in the box [min, max] of the current window.
void DrawPicture(Picture kind, ImVec2 min, ImVec2 max);
// A picture of w x h at the cursor, as an item of the column.
void PictureBox(Picture kind, float w, float h);

// A clickable card (offer in a list). Lines are drawn under the title, each
// wrapped to the card. Returns true when activated. name = accessible name
// (summary of the card). height: at least CardHeight() of its content.
// draw = false: the card is off screen and only mirrored (reading and Tab reach it).
// picture: a placeholder drawn left of the text on cards at least
// kCardPictureMinWidth wide (phones keep the whole width for the text).
inline constexpr float kCardPictureMinWidth = 480.f;
// `href`: where the card leads (the DOM link's address: open in a new tab, copy).
bool Card(std::string_view id, std::string_view title, const std::string* lines, int lineCount, std::string_view name,
          float height, bool draw = true, Picture picture = Picture::None, std::string_view href = "#");
// The height a card needs to show its wrapped title and lines at `width`.
float CardHeight(std::string_view title, const std::string* lines, int lineCount, float width,
                 Picture picture = Picture::None);

// Semantic containers (no drawing): a named group of controls ("Nombre de pièces"),
// the panel of the selected tab, a list and its items (posInSet/setSize when only
// part of a long list is mirrored).
void BeginFieldGroup(std::string_view id, std::string_view name);
void EndFieldGroup();
void BeginTabPanel(std::string_view id, std::string_view tabId);
void EndTabPanel();
void BeginList(std::string_view id, std::string_view name);
void EndList();
void BeginListItem(std::string_view id, int posInSet, int setSize, float height);
void EndListItem();

// A link-looking button that shows or hides a section (aria-expanded).
bool Disclosure(std::string_view id, std::string_view label, bool expanded);
// The mark drawn before a disclosure's label (UTF-8, with its trailing space):
// pointing down while closed, up while open, as the DSFR accordion.
const char* DisclosureMark(bool expanded);

// A compact on/off pill (filters). Mirrored as a checkbox. Returns true when toggled.
bool ToggleChip(std::string_view id, std::string_view label, bool& value);
// Single choice among pills laid out in a row (sort order). Mirrored as a radio group.
bool ChipChoice(std::string_view id, std::string_view label, const std::vector<std::string>& options, int& selected);

// Modal dialog; draw its content between Begin and End when Begin returns true.
// The DOM layer moves focus into it, keeps Tab inside and gives focus back to the
// opener. alert: an alert dialog (asks for an answer now).
bool BeginDialog(std::string_view id, std::string_view title, bool alert = false);
// True once when Escape was pressed in the open dialog: call it between
// Begin/EndDialog and run the dialog's cancel action.
bool DialogEscape();
void EndDialog();

}  // namespace alin::ui
