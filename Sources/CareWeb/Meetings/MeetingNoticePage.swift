import CareCases
import CareCore
import Foundation
import Plot

/// A meeting's notice on one A4 page, to post or hand to members without an e-mail address (and to pin up):
/// the co-op, when and where, the agenda, the quorum, and how to send a proxy.
struct MeetingNoticePage: PageView {
  let layout: Layout
  let model: MeetingModel

  var meeting: Meeting { model.meeting }

  var body: Node<HTML.BodyContext> {
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
}
