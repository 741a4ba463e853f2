import CareCases
import CareCore
import CareLedger
import Plot
import Vapor

/// The second step of banking or drawing: what it will do, in words, and the button that does it.
struct HoursConfirmPage: PageView {
  let layout: Layout
  let preview: HoursPreview
  let state: FormState
  let prefix: String

  var body: Node<HTML.BodyContext> {
    let p = preview
    let amount = Minutes(p.minutes).spoken
    let person = p.model.team.person.id
    let words: [String] =
      p.bank
      ? [
        "\(amount) of this period's hours go into the bank.",
        "Left to use this period: \(Minutes(p.availableAfter).spoken).",
        "In the bank: \(Minutes(p.bankedAfter).spoken). These hours expire on \(p.expires.longText) if not used.",
      ]
      : [
        "\(amount) come out of the bank, oldest first, to use this period.",
        "Left to use this period: \(Minutes(p.availableAfter).spoken).",
        "Still in the bank: \(Minutes(p.bankedAfter).spoken).",
      ]
    return .group(
      .h1(.text(p.bank ? "Bank \(amount)?" : "Use \(amount) from the bank?")),
      .p(.class("lead"), .text("\(p.hours.agreement.terms.funderName) hours.")),
      .ul(.class("plain-list"), .forEach(words) { .li(.text($0)) }),
      .form(
        .action((p.bank ? SiteURL.teamHoursBank(.value(person)) : .teamHoursDraw(.value(person))).path),
        .method(.post), Forms.csrf(layout.csrf),
        .input(.type(.hidden), .name("agreementID"), .value(p.hours.agreement.id.description)),
        .input(.type(.hidden), .name("\(prefix)-hours"), .value(String(p.minutes / 60))),
        .input(.type(.hidden), .name("\(prefix)-minutes"), .value(String(p.minutes % 60))),
        .input(.type(.hidden), .name("confirm"), .value("yes")),
        Forms.submit(p.bank ? "Yes, bank \(amount)" : "Yes, use \(amount)")),
      .p(.a(.href(SiteURL.teamHours(.value(person)).path), "No, go back to the hours")))
  }
}

/// Undoing a banking or drawing that was a mistake: what it was, why it is undone, then yes.
struct HoursUndoPage: PageView {
  let layout: Layout
  let model: HoursModel
  let record: HoursRecord
  let undoing: HoursRecord?
  let state: FormState

  var body: Node<HTML.BodyContext> {
    let entry = record.entry
    let calendar = CoopCalendar.london
    let amount = Minutes(entry.minutes).spoken
    let when = "\(calendar.day(of: entry.at).longText), \(CoopCalendar.clockText(calendar.minuteOfDay(of: entry.at)))"
    let person = model.team.person.id
    let what =
      entry.kind == .bank
      ? "The \(amount) banked go back to this period's hours."
      : "The \(amount) taken from the bank go back into the bank."
    return .group(
      Forms.errorSummary(state.errors),
      .h1(
        .id("entry"), .text(entry.kind == .bank ? "Undo banking \(amount)?" : "Undo taking \(amount) from the bank?")),
      .p(.class("lead"), .text("\(HoursPage.words(entry.kind)) on \(when) by \(model.name(record.actorID)).")),
      .p(.text(what)),
      .p(
        .text(
          "Nothing is deleted: the history keeps both, this and its undoing, with why. It can be undone once.")),
      .unwrap(undoing) { u in
        .p(
          .class("notice"),
          .text(
            "This was undone on \(calendar.day(of: u.entry.at).longText) by \(model.name(u.actorID)). Why: "
              + (u.reason.hasPrefix("undone: ") ? String(u.reason.dropFirst(8)) : u.reason)))
      },
      undoing != nil
        ? .p(.a(.href(SiteURL.teamHours(.value(person)).path), "Go back to the hours"))
        : undoForm(entry, person: person))
  }

  func undoForm(_ entry: HoursEntry, person: ID<Person>) -> Node<HTML.BodyContext> {
    .group(
      .form(
        .action(SiteURL.teamHoursUndo(.value(person), .value(ID(entry.id))).path), .method(.post),
        .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        Forms.textarea(
          "reason", label: "Why is it undone?", hint: "For example, pressed the wrong button.", state: state),
        Forms.submit("Yes, undo it")),
      .p(.a(.href(SiteURL.teamHours(.value(person)).path), "No, go back to the hours")))
  }
}
