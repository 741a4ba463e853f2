import CareCases
import CareCore
import Foundation
import Plot

/// One members' meeting: when and where, the agenda with the decisions linked (and their results), who took
/// part and whether it is quorate, and the minutes; for those who run meetings, the forms to take attendance
/// and write the minutes, and who needs the notice on paper.
struct MeetingPage: PageView {
  enum Notice: String {
    case called, attended, minuted, approved

    var words: String {
      switch self {
      case .called: "Called: every member has been sent the notice. Print it for those without an e-mail address."
      case .attended: "Recorded."
      case .minuted: "Saved: the minutes are up to date."
      case .approved: "Recorded: the minutes are approved as a true record, and stay as they are."
      }
    }
  }

  let layout: Layout
  let model: MeetingModel
  let state: FormState
  let notice: Notice?

  var meeting: Meeting { model.meeting }

  var body: Node<HTML.BodyContext> {
    .group(
      Forms.errorSummary(state.errors),
      .unwrap(notice) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0.words)) },
      .h1(.text(meeting.title)),
      .p(.class("lead"), .text("\(meeting.kind.label): \(meetingWhen(meeting)), at \(meeting.place).")),
      .p(
        .text(
          "Notice given on \(CoopCalendar.london.day(of: meeting.calledAt).longText) by "
            + "\(model.name(meeting.calledBy)). "),
        .a(.href(SiteURL.meetingPart(.value(meeting.id), .notice).path), "The notice, to print")),
      agenda,
      attendance,
      minutes,
      earlierMinutes)
  }

  var agenda: Node<HTML.BodyContext> {
    .section(
      .attribute(named: "aria-labelledby", value: "agenda-title"),
      .h2(.id("agenda-title"), "The agenda"),
      .ol(.forEach(meeting.agenda) { item in .li(itemTitle(item)) }))
  }

  /// An item's words; a decision links to its proposal, with its result or when its poll closes.
  func itemTitle(_ item: AgendaItem) -> Node<HTML.BodyContext> {
    guard let id = item.proposalID else { return .text(item.title) }
    let proposal = model.proposals[id]
    let state =
      proposal.map { p in
        p.result.map { " — \($0.outcome.label)." }
          ?? " — the poll closes \(CoopCalendar.london.day(of: p.closesAt.addingTimeInterval(-1)).longText)."
      } ?? ""
    return .group(.a(.href(SiteURL.proposal(.value(id)).path), .text(item.title)), .text(state))
  }

  var attendance: Node<HTML.BodyContext> {
    let standing = meeting.standing
    let quorum =
      "\(meeting.takingPart) of the \(meeting.quorum) needed for a quorum "
      + (meeting.takingPart == 1 ? "has" : "have") + " taken part"
      + (meeting.isQuorate ? ": the meeting is quorate." : standing.isEmpty ? "." : ": not quorate.")
    return .section(
      .id("attendance"), .attribute(named: "aria-labelledby", value: "attendance-title"),
      .h2(.id("attendance-title"), "Who took part"),
      standing.isEmpty
        ? .p(.text(model.status == .called ? "Attendance is taken on the day." : "No attendance recorded."))
        : .group(
          .p(.text(quorum)),
          .table(
            .caption(.text("Attendance")),
            .thead(.tr(.th("Member"), .th("How"), .th("Proxy held by"))),
            .tbody(
              .forEach(standing) { line in
                .tr(
                  .td(.text(model.name(line.memberID))), .td(.text(line.way.label)),
                  .td(.text(line.proxyID.map { model.name($0) } ?? "")))
              }))),
      .if(model.takesAttendance, attendanceForm),
      .if(model.mayRun && !model.byPost.isEmpty, byPost))
  }

  var attendanceForm: Node<HTML.BodyContext> {
    let members = model.members.map { ($0.id.description, $0.name) }
    return .form(
      .class("no-print"), .action(SiteURL.meetingPart(.value(meeting.id), .attendance).path), .method(.post),
      .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
      .h3("Record a member's attendance"),
      .p(.class("hint"), .text("To correct a line, record the member again: the latest stands.")),
      Forms.select("member", label: "Member", empty: "Choose a member", options: members, state: state),
      Forms.radios(
        "way", legend: "How they took part", options: AttendanceWay.allCases.map { ($0.rawValue, $0.label, nil) },
        state: state),
      Forms.select(
        "proxy", label: "For a proxy: the member who came and holds it", empty: "No proxy", options: members,
        state: state),
      Forms.submit("Record"))
  }

  var byPost: Node<HTML.BodyContext> {
    .div(
      .class("no-print"),
      .h3("Notice on paper"),
      .p(
        .text("These members have no e-mail address: post or hand them "),
        .a(.href(SiteURL.meetingPart(.value(meeting.id), .notice).path), "the printed notice"), .text(".")),
      .ul(.forEach(model.byPost) { .li(.text($0.name)) }))
  }

  var minutes: Node<HTML.BodyContext> {
    // Approved minutes are shown as approved: the version the approval names (a correction saved at the same
    // moment as the approval, on another connection, would not replace it).
    let latest = meeting.approvedMinutes ?? meeting.latestMinutes
    return .section(
      .id("minutes"), .attribute(named: "aria-labelledby", value: "minutes-title"),
      .h2(.id("minutes-title"), "Minutes"),
      .unwrap(latest) { v in
        .group(
          .p(
            .class("hint"),
            .text(
              "Version \(v.version), written by \(model.name(v.writtenBy)) on "
                + "\(CoopCalendar.london.day(of: v.writtenAt).longText)."
                + (v.version > 1 ? " Earlier versions are kept." : ""))),
          .forEach(paragraphs(v.note(MeetingMinutes.opening))) { .p(.text($0)) },
          .forEach(meeting.agenda) { item in
            .group(
              .h3(.text("\(item.number). "), itemTitle(item)),
              v.note(item.number).isEmpty
                ? .p(.class("hint"), "Nothing minuted.")
                : .forEach(paragraphs(v.note(item.number))) { .p(.text($0)) })
          })
      },
      .if(latest == nil, .p(.text(model.status == .called ? "Written after the meeting." : "Not written yet."))),
      .unwrap(meeting.approval) { approval in
        .p(
          .class("notice"),
          .text("Approved as a true record (version \(approval.version)) at "),
          .a(
            .href(SiteURL.meeting(.value(approval.atMeetingID)).path),
            .text("the meeting on \(approval.atDay.longText)")),
          .text(", recorded by \(model.name(approval.recordedBy)). They stay as approved."))
      },
      .if(model.takesMinutes && meeting.approval == nil, minutesForm))
  }

  /// Earlier meetings' minutes this meeting approved, and (for those who run it, once begun) the form to record
  /// another approval.
  var earlierMinutes: Node<HTML.BodyContext> {
    .if(
      !model.approvedHere.isEmpty || !model.toApprove.isEmpty,
      .section(
        .id("approvals"), .attribute(named: "aria-labelledby", value: "approvals-title"),
        .h2(.id("approvals-title"), "The minutes of earlier meetings"),
        .if(
          !model.approvedHere.isEmpty,
          .ul(
            .forEach(model.approvedHere) { earlier in
              .li(
                .text("Approved as a true record: "),
                .a(.href(SiteURL.meeting(.value(earlier.id)).path), .text(earlier.title)),
                .text(
                  " (\(CoopCalendar.london.day(of: earlier.startsAt).longText), version \(earlier.approval?.version ?? 0))."
                )
              )
            })),
        .if(!model.toApprove.isEmpty, approvalForm)))
  }

  var approvalForm: Node<HTML.BodyContext> {
    .form(
      .class("no-print"), .action(SiteURL.meetingPart(.value(meeting.id), .approvals).path), .method(.post),
      .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
      .forEach(model.toApprove) { earlier in
        .input(
          .type(.hidden), .name("version-\(earlier.id)"), .value(String(earlier.latestMinutes?.version ?? 0)))
      },
      Forms.radios(
        "meeting", legend: "The members approve these minutes as a true record",
        options: model.toApprove.map { earlier in
          (
            earlier.id.description,
            "\(earlier.title), \(CoopCalendar.london.day(of: earlier.startsAt).longText): minutes version "
              + "\(earlier.latestMinutes?.version ?? 0)",
            nil
          )
        }, state: state),
      .p(
        .class("hint"),
        .text(
          "Once the meeting is quorate. Correct them first if the members asked for changes: approved minutes stay "
            + "as they are.")),
      Forms.submit("Record the approval"))
  }

  func paragraphs(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
  }

  var minutesForm: Node<HTML.BodyContext> {
    .form(
      .class("no-print"), .action(SiteURL.meetingPart(.value(meeting.id), .minutes).path), .method(.post),
      .attribute(named: "novalidate"), Forms.csrf(layout.csrf),
      .input(.type(.hidden), .name("basedOn"), .value(String(meeting.latestMinutes?.version ?? 0))),
      .h3(.text(meeting.latestMinutes == nil ? "Write the minutes" : "Correct the minutes")),
      Forms.textarea(
        "note-0", label: "Opening", hint: "Who chaired, and anything said before the business.", state: state),
      .forEach(meeting.agenda) { item in
        Forms.textarea(
          "note-\(item.number)", label: "\(item.number). \(item.title)",
          hint: item.proposalID == nil ? nil : "What was said; the decision itself is linked from its proposal.",
          state: state)
      },
      Forms.submit("Save the minutes"))
  }
}
