import CareCases
import CareCore
import Foundation
import Plot

/// "Tuesday 30 June 2026, 18:30 to 20:30".
func meetingWhen(_ meeting: Meeting) -> String {
  let london = CoopCalendar.london
  return "\(london.day(of: meeting.startsAt).longText), "
    + "\(CoopCalendar.clockText(london.minuteOfDay(of: meeting.startsAt))) to "
    + CoopCalendar.clockText(london.minuteOfDay(of: meeting.endsAt))
}

/// Members' meetings: those to come and those held, and (for those who run them) the form to call one, with
/// the notice the rules require and the quorum it will need.
struct MeetingsPage: PageView {
  let layout: Layout
  let model: MeetingsModel
  let state: FormState

  var body: Node<HTML.BodyContext> {
    let coming = model.meetings.filter { $0.status(at: model.now) != .held }.reversed()
    let held = model.meetings.filter { $0.status(at: model.now) == .held }
    return .group(
      Forms.errorSummary(state.errors),
      .h1("Members' meetings"),
      .p(
        .class("lead"),
        .text(
          "Every member may come, speak and vote: one member, one vote. Each meeting is called with at least "
            + "\(Meeting.noticeDays) clear days' notice to every member.")),
      .p(.a(.href(SiteURL.proposals.path), "Decisions: proposals put to the co-op")),
      .section(
        .attribute(named: "aria-labelledby", value: "coming-title"),
        .h2(.id("coming-title"), "Coming up"),
        coming.isEmpty ? .p("No meeting has been called.") : .ul(.forEach(Array(coming), item))),
      .section(
        .attribute(named: "aria-labelledby", value: "held-title"),
        .h2(.id("held-title"), "Held"),
        held.isEmpty ? .p("None yet.") : .ul(.forEach(held, item))),
      .if(model.mayRun, form))
  }

  func item(_ meeting: Meeting) -> Node<HTML.ListContext> {
    .li(
      .a(.href(SiteURL.meeting(.value(meeting.id)).path), .text(meeting.title)),
      .text(" — \(meeting.kind.label.lowercased()), \(meetingWhen(meeting)), at \(meeting.place)."),
      .if(
        meeting.status(at: model.now) == .held,
        .text(
          meeting.latestMinutes == nil
            ? " Minutes to come." : meeting.isQuorate ? " Quorate; minutes written." : " Not quorate.")))
  }

  var form: Node<HTML.BodyContext> {
    .section(
      .class("no-print"), .attribute(named: "aria-labelledby", value: "call-title"),
      .h2(.id("call-title"), "Call a meeting"),
      .p(
        .text(
          "Every member is sent the notice at once, as a message and by e-mail; print it for those without an "
            + "e-mail address. With \(model.members) members today, the meeting decides only if \(model.quorum) "
            + "take part, in person or by proxy (the co-op's settings).")),
      .form(
        .action(SiteURL.meetings.path), .method(.post), .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
        Forms.radios(
          "kind", legend: "What kind of meeting?",
          options: MeetingKind.allCases.map { ($0.rawValue, $0.label, nil) }, state: state),
        Forms.text(
          "title", label: "The meeting's name", hint: "For example, Annual general meeting 2026.", state: state),
        Forms.date(
          "day", legend: "The day",
          hint: "\(model.firstDay.longText) or later: members must have \(Meeting.noticeDays) clear days' notice.",
          state: state),
        Forms.text("start", label: "The time it starts", hint: "Like 18:30.", state: state, width: "w5"),
        Forms.text(
          "length", label: "How long it lasts, in minutes",
          hint: "From \(Meeting.lengths.lowerBound) to \(Meeting.lengths.upperBound).", state: state, width: "w5"),
        Forms.text(
          "place", label: "Where it is", hint: "An address, or how to join by phone or video call.", state: state),
        Forms.textarea(
          "items", label: "The agenda", hint: "One item a line, in order. At most \(Meeting.mostItems).",
          state: state),
        proposalBoxes,
        Forms.submit("Call the meeting and send the notice")))
  }

  var proposalBoxes: Node<HTML.FormContext> {
    .if(
      !model.proposals.isEmpty,
      .div(
        .class(state.error("proposals") == nil ? "field" : "field field-error"),
        .fieldset(
          .element(named: "legend", nodes: [.text("Proposals to decide at the meeting (optional)")]),
          .unwrap(state.error("proposals")) { Forms.errorMessage("proposals", $0) },
          .forEach(Array(model.proposals.enumerated())) { pair in
            let (index, proposal) = pair
            let name = "proposal-\(proposal.id)"
            return .div(
              .class("checkbox"),
              .input(
                .type(.checkbox), .name(name), .id(index == 0 ? "proposals" : name), .value("true"),
                .checked(state[name] == "true")),
              .label(.for(index == 0 ? "proposals" : name), .text(proposal.title)))
          })))
  }
}
