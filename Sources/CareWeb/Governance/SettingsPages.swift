import CareCases
import CareCore
import Foundation
import Plot

/// The co-op's settings as the members decided them: each one's value today, every value a decision gave it
/// (with a link to the decision), and changes that take effect later.
struct SettingsPage: PageView {
  let layout: Layout
  let model: SettingsModel

  var body: Node<HTML.BodyContext> {
    .group(
      .h1("The co-op's settings"),
      .p(
        .class("lead"),
        .text(
          "The members decide these by proposals. A decision that passes changes a setting from the day it "
            + "states; until then the old value stays.")),
      .unwrap(model.upcoming.isEmpty ? nil : model.upcoming) { upcoming in
        .section(
          .attribute(named: "aria-labelledby", value: "upcoming-title"),
          .h2(.id("upcoming-title"), "Changes decided, still to come"),
          .ul(
            .forEach(upcoming) { entry in
              .li(
                .text("From \(entry.from.longText): \(entry.setting.label.lowercased()) becomes "),
                .strong(.text(entry.setting.text(entry.value))), .text(" ("),
                .a(.href(SiteURL.proposal(.value(entry.proposalID)).path), .text(model.title(entry.proposalID))),
                .text(")."))
            }))
      },
      .forEach(groups) { group in
        .section(
          .attribute(named: "aria-labelledby", value: "group-\(group.id)"),
          .h2(.id("group-\(group.id)"), .text(group.name)),
          .forEach(group.rows) { row in
            .div(
              .class("setting"),
              .h3(.text(row.setting.label)),
              .p(
                .strong(.text(row.setting.text(row.value))),
                .text(
                  row.current.map { " since \($0.from.longText), by decision." }
                    ?? " (the standard value: no decision has changed it).")),
              .unwrap(row.history.isEmpty ? nil : row.history) { history in
                .ul(
                  .forEach(history) { entry in
                    .li(
                      .text(
                        "\(entry.from > model.today ? "From" : "Since") \(entry.from.longText): "
                          + "\(row.setting.text(entry.value)), by "),
                      .a(.href(SiteURL.proposal(.value(entry.proposalID)).path), .text(model.title(entry.proposalID))))
                  })
              })
          })
      },
      .p(.class("no-print"), .a(.href(SiteURL.proposals.path), "Decisions: put a proposal to change a setting")))
  }

  var groups: [(id: Int, name: String, rows: [SettingsModel.Row])] {
    var out: [(id: Int, name: String, rows: [SettingsModel.Row])] = []
    for row in model.rows {
      if out.last?.name == row.setting.group {
        out[out.count - 1].rows.append(row)
      } else {
        out.append((out.count + 1, row.setting.group, [row]))
      }
    }
    return out
  }
}

/// The settings a proposal changes, on its form and its page.
enum SettingChanges {
  /// The form's field for a setting's new value.
  static func field(_ setting: Setting) -> String { "change-\(setting.rawValue)" }

  /// The typed new values from a form (a yes/no left at "keep" is no change).
  static func typed(_ state: FormState) -> [String: String] {
    var out: [String: String] = [:]
    for setting in Setting.allCases where !state[field(setting)].isEmpty && state[field(setting)] != "keep" {
      out[setting.rawValue] = state[field(setting)]
    }
    return out
  }

  /// The form's fieldset: each setting with its value today; empty boxes change nothing.
  static func fields(_ settings: CoopSettings, today: Day, state: FormState) -> Node<HTML.FormContext> {
    .div(
      .class(state.error("changes") == nil ? "field" : "field field-error"), .id("changes"),
      .fieldset(
        .element(named: "legend", nodes: [.text("If it passes, change the co-op's settings (optional)")]),
        .p(
          .class("hint"),
          .text(
            "Leave a box empty to keep the setting as it is. Not for an election. See every setting and its "
              + "history on the settings page.")),
        .unwrap(state.error("changes")) { Forms.errorMessage("changes", $0) },
        .forEach(Setting.allCases) { setting in
          let now = "Now: \(setting.text(settings.value(setting, on: today)))."
          return setting.unit == .yesNo
            ? Forms.radios(
              field(setting), legend: setting.label + ". " + now,
              options: [("keep", "Keep as it is", nil), ("yes", "Yes", nil), ("no", "No", nil)], state: state)
            : Forms.text(
              field(setting), label: setting.label, hint: "\(now) \(setting.hint).", state: state, width: "w10")
        },
        Forms.date(
          "takesEffect", legend: "The day the change takes effect",
          hint: "For a change of settings or a hat's definition: after the poll's last day, and within a year of "
            + "it. For a change of pay: pay runs use the table in force on their first day.",
          state: state)))
  }

  /// What a proposal changes, in words: for its page and its ballot paper.
  static func summary(_ proposal: Proposal, now: (Setting) -> Int) -> Node<HTML.BodyContext> {
    guard let from = proposal.takesEffect, !proposal.changes.isEmpty else { return .empty }
    let passed = proposal.result?.outcome == .passed
    return .section(
      .attribute(named: "aria-labelledby", value: "changes-title"),
      .h2(.id("changes-title"), .text(passed ? "What it changed" : "What it changes if it passes")),
      .p(.text("From \(from.longText):")),
      .ul(
        .forEach(proposal.changes) { change in
          .li(
            .text("\(proposal.circleID == nil ? change.setting.label : change.setting.circleLabel): "),
            .strong(.text(change.setting.text(change.value))),
            .if(
              !passed,
              .text(" (now \(change.setting.text(now(change.setting))))")))
        }),
      .p(
        .class("no-print"),
        proposal.circleID.map { circle in
          .a(.href(SiteURL.circle(.value(circle)).path), "The circle, and its size guide")
        } ?? .a(.href(SiteURL.settings.path), "The co-op's settings and their history")))
  }
}
