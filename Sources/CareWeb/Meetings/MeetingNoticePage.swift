import CareCases
import CareCore
import Foundation
import Plot

/// A meeting's notice on one A4 page, to post or hand to members without an e-mail address (and to pin up):
/// the co-op, when and where, the agenda, the quorum, and how to send a proxy. In Easy Read too: one idea a
/// line, everyday words, for members who find the standard notice hard.
struct MeetingNoticePage: PageView {
  let layout: Layout
  let model: MeetingModel

  var meeting: Meeting { model.meeting }

  var body: Node<HTML.BodyContext> {
    .group(
      easyReadToggle(
        on: layout.easyRead, csrf: layout.csrf, returnTo: .meetingPart(.value(meeting.id), .notice)),
      printLink(),
      layout.easyRead ? easyRead : standard)
  }

  var standard: Node<HTML.BodyContext> {
    .div(
      .class("ballot-paper"),
      .p(.text("\(model.coop.name), registered society \(model.coop.registeredNumber), \(model.coop.address)")),
      .h1(.text("Notice of the \(meeting.kind.label.lowercased())")),
      .p(.class("no-print"), .a(.href(SiteURL.meeting(.value(meeting.id)).path), "Back to the meeting")),
      .p(.class("lead"), .text("\(meeting.title): \(meetingWhen(meeting)), at \(meeting.place).")),
      .p(
        .text(
          "Every member may come, speak and vote: one member, one vote. Notice given on "
            + "\(CoopCalendar.london.day(of: meeting.calledAt).longText).")),
      .h2("The agenda"),
      .ol(.forEach(meeting.agenda) { .li(.text($0.title)) }),
      .h2("If you cannot come"),
      .p(
        .text(
          "Another member who comes may hold your proxy and vote for you. Tell the co-op who, before the "
            + "meeting. The meeting decides only if \(meeting.quorum) member\(meeting.quorum == 1 ? "" : "s") take "
            + "part, in person or by proxy.")),
      .p(.text("To ask about the meeting, or for this notice in Easy Read or large print, contact the co-op.")))
  }

  /// The same notice in Easy Read: what the meeting is, when and where, that everyone has one vote, what will
  /// be talked about, and what to do if you cannot come.
  var easyRead: Node<HTML.BodyContext> {
    let london = CoopCalendar.london
    let what =
      meeting.kind == .annual
      ? "The co-op is having its big meeting of the year." : "The co-op is having a meeting for all its members."
    return .div(
      .class("ballot-paper"),
      .h1(.text(meeting.kind == .annual ? "The co-op's meeting of the year" : "A meeting for all members")),
      .p(.class("no-print"), .a(.href(SiteURL.meeting(.value(meeting.id)).path), "Back to the meeting")),
      .ul(
        .class("easy-lines"),
        .li(.text(what)),
        .li(.text("It is on \(london.day(of: meeting.startsAt).longText).")),
        .li(
          .text(
            "It starts at \(CoopCalendar.clockText(london.minuteOfDay(of: meeting.startsAt))). It ends at "
              + "\(CoopCalendar.clockText(london.minuteOfDay(of: meeting.endsAt))).")),
        .li(.text("It is at \(meeting.place).")),
        .li(.text("You can come. You can say what you think. You can vote.")),
        .li(.text("Everyone has 1 vote."))),
      .h2("What we will talk about"),
      .ol(.class("easy-lines"), .forEach(meeting.agenda) { .li(.text($0.title)) }),
      .h2("If you cannot come"),
      .ul(
        .class("easy-lines"),
        .li(.text("Another member can vote for you. This is called a proxy.")),
        .li(.text("Tell the co-op who, before the meeting.")),
        .li(.text("Ask the co-op if you want help to come, or help to read the papers."))))
  }
}
