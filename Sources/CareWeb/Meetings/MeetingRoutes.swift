import CareCases
import CareCore
import Vapor

/// The parts of a meeting's address (`/meetings/:meetingID/<part>`).
enum MeetingPart: String, Hashable, Sendable, CaseIterable {
  /// The notice, to print and post to members without an e-mail address (GET).
  case notice
  /// One member's attendance (POST).
  case attendance
  /// A new version of the minutes (POST).
  case minutes
  /// The meeting approves an earlier meeting's minutes (POST).
  case approvals
}

/// Members' meetings: the list with the form to call one, a meeting's page (notice, agenda, attendance,
/// quorum, minutes with the decisions linked), its printable notice; and the API.
enum MeetingsWeb: WebCapability {
  static let openAPI: String? = "meetings"

  static func pages(_ r: PageRoutes) {
    r.get(.meetings, MeetingController.list)
    r.post(.meetings, MeetingController.call)
    r.get(.meeting(.key), MeetingController.show)
    r.get(.meetingPart(.key, .notice), MeetingController.notice)
    r.post(.meetingPart(.key, .attendance), MeetingController.attend)
    r.post(.meetingPart(.key, .minutes), MeetingController.minutes)
    r.post(.meetingPart(.key, .approvals), MeetingController.approve)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.meetings) { req async throws -> [DTO.MeetingOut] in
      try await req.cases.meetings(by: try await req.actor()).meetings.map(DTO.MeetingOut.init)
    }
    v1.post(.meetings) { req async throws -> Response in
      let actor = try await req.actor()
      try req.cases.checkMayRunMeetings(by: actor)
      let body = try req.content.decode(DTO.MeetingIn.self)
      let meeting = try await req.cases.callMeeting(
        NewMeeting(
          kind: body.kind, title: body.title, day: body.day, start: body.start, length: body.length,
          place: body.place, items: body.agenda, proposals: body.proposals ?? []), by: actor)
      return try await DTO.MeetingOut(meeting).encodeResponse(status: .created, for: req)
    }
    v1.get(.meeting(.key)) { req async throws -> DTO.MeetingOut in
      DTO.MeetingOut(try await req.cases.meeting(try req.meetingID(), by: try await req.actor()).meeting)
    }
    v1.post(.meetingPart(.key, .attendance)) { req async throws -> Response in
      let actor = try await req.actor()
      try req.cases.checkMayRunMeetings(by: actor)
      let body = try req.content.decode(DTO.AttendanceIn.self)
      let meeting = try await req.cases.recordAttendance(
        try req.meetingID(), NewAttendance(member: body.member, way: body.way, proxy: body.proxy), by: actor)
      return try await DTO.MeetingOut(meeting).encodeResponse(status: .created, for: req)
    }
    v1.post(.meetingPart(.key, .minutes)) { req async throws -> Response in
      let actor = try await req.actor()
      try req.cases.checkMayRunMeetings(by: actor)
      let body = try req.content.decode(DTO.MinutesIn.self)
      var notes: [Int: String] = [:]
      for note in body.notes { notes[note.item] = note.text }
      let meeting = try await req.cases.writeMinutes(
        try req.meetingID(), NewMinutes(notes: notes, basedOn: body.basedOn), by: actor)
      return try await DTO.MeetingOut(meeting).encodeResponse(status: .created, for: req)
    }
    v1.post(.meetingPart(.key, .approvals)) { req async throws -> Response in
      let actor = try await req.actor()
      try req.cases.checkMayRunMeetings(by: actor)
      let body = try req.content.decode(DTO.ApprovalIn.self)
      let meeting = try await req.cases.approveMinutes(
        of: body.meeting, version: body.version, at: try req.meetingID(), by: actor)
      return try await DTO.MeetingOut(meeting).encodeResponse(status: .created, for: req)
    }
  }
}

extension Request {
  /// The `:meetingID` of a meeting's route.
  func meetingID() throws -> ID<Meeting> { try id(Meeting.self, SiteURL.meetingID) }
}

extension DTO {
  struct MeetingIn: Content {
    let kind: String
    let title: String
    let day: String
    let start: String
    let length: Int
    let place: String
    let agenda: [String]
    let proposals: [String]?
  }

  struct AttendanceIn: Content {
    let member: String
    let way: String
    let proxy: String?
  }

  struct MinuteNoteIn: Content {
    let item: Int
    let text: String
  }

  struct MinutesIn: Content {
    let basedOn: Int
    let notes: [MinuteNoteIn]
  }

  struct ApprovalIn: Content {
    /// The earlier meeting whose minutes are approved, and the version the members read.
    let meeting: String
    let version: Int
  }

  struct ApprovalOut: Content {
    let version: Int
    let atMeeting: String
    let atDay: String
    let recordedBy: String
    let recordedAt: Date
  }

  struct AgendaItemOut: Content {
    let number: Int
    let title: String
    let proposal: String?
  }

  struct AttendanceOut: Content {
    let member: String
    let way: String
    let proxy: String?
    let recordedBy: String
    let recordedAt: Date
  }

  struct MinutesOut: Content {
    let version: Int
    let notes: [String: String]
    let writtenBy: String
    let writtenAt: Date
  }

  struct MeetingOut: Content {
    let id: String
    let kind: String
    let title: String
    let startsAt: Date
    let endsAt: Date
    let place: String
    let quorum: Int
    let takingPart: Int
    let quorate: Bool
    let calledBy: String
    let calledAt: Date
    let agenda: [AgendaItemOut]
    /// Each member's attendance as it stands (the latest line for each).
    let attendance: [AttendanceOut]
    let minutes: MinutesOut?
    /// Once a later meeting approved the minutes as a true record.
    let approval: ApprovalOut?

    init(_ m: Meeting) {
      approval = m.approval.map {
        ApprovalOut(
          version: $0.version, atMeeting: $0.atMeetingID.description, atDay: $0.atDay.iso,
          recordedBy: $0.recordedBy.description, recordedAt: $0.recordedAt)
      }
      (id, kind, title, startsAt, endsAt, place, quorum) = (
        m.id.description, m.kind.rawValue, m.title, m.startsAt, m.endsAt, m.place, m.quorum
      )
      (takingPart, quorate, calledBy, calledAt) = (m.takingPart, m.isQuorate, m.calledBy.description, m.calledAt)
      agenda = m.agenda.map { AgendaItemOut(number: $0.number, title: $0.title, proposal: $0.proposalID?.description) }
      attendance = m.standing.map {
        AttendanceOut(
          member: $0.memberID.description, way: $0.way.rawValue, proxy: $0.proxyID?.description,
          recordedBy: $0.recordedBy.description, recordedAt: $0.recordedAt)
      }
      minutes = m.latestMinutes.map { v in
        MinutesOut(
          version: v.version,
          notes: Dictionary(uniqueKeysWithValues: v.notes.map { (String($0.key), $0.value) }),
          writtenBy: v.writtenBy.description, writtenAt: v.writtenAt)
      }
    }
  }
}

enum MeetingController {
  static let crumbs: [Layout.Crumb] = [.init(label: "Members' meetings", url: .meetings)]

  static func list(_ req: Request) async throws -> Response {
    try await page(req, try await req.actor(), FormState(), .ok)
  }

  static func page(_ req: Request, _ actor: Requester, _ state: FormState, _ status: HTTPStatus) async throws
    -> Response
  {
    let model = try await req.cases.meetings(by: actor)
    var state = state
    if state.values.isEmpty {
      state.values = [
        "kind": MeetingKind.annual.rawValue, "start": "18:30", "length": "120",
        "items": MeetingKind.annual.usualAgenda.joined(separator: "\n"),
      ]
    }
    return MeetingsPage(
      layout: req.layout("Members' meetings", hasErrors: !state.errors.isEmpty), model: model, state: state
    ).response(status)
  }

  static func call(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    var state = try req.formState()
    do {
      let meeting = try await req.cases.callMeeting(
        NewMeeting(
          kind: state["kind"].isEmpty ? nil : state["kind"], title: state["title"], day: state["day"],
          start: state["start"], length: state["length"].isEmpty ? nil : Int(state["length"]) ?? -1,
          place: state["place"], items: state["items"].components(separatedBy: .newlines),
          proposals: state.values.filter { $0.key.hasPrefix("proposal-") && $0.value == "true" }
            .map { String($0.key.dropFirst("proposal-".count)) }.sorted()),
        by: actor)
      return req.redirect(to: SiteURL.meeting(.value(meeting.id)).path + "?called", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await page(req, actor, state, status)
    }
  }

  static func show(_ req: Request) async throws -> Response {
    try await meetingPage(req, try await req.actor(), try req.meetingID(), FormState(), .ok)
  }

  static func meetingPage(
    _ req: Request, _ actor: Requester, _ id: ID<Meeting>, _ state: FormState, _ status: HTTPStatus
  ) async throws -> Response {
    let model = try await req.cases.meeting(id, by: actor)
    var state = state
    if state.values.isEmpty, let minutes = model.meeting.latestMinutes {
      for (item, text) in minutes.notes { state.values["note-\(item)"] = text }
    }
    return MeetingPage(
      layout: req.layout(model.meeting.title, crumbs: crumbs, hasErrors: !state.errors.isEmpty), model: model,
      state: state, notice: req.url.query.flatMap(MeetingPage.Notice.init(rawValue:))
    ).response(status)
  }

  static func notice(_ req: Request) async throws -> Response {
    let model = try await req.cases.meeting(try req.meetingID(), by: try await req.actor())
    return MeetingNoticePage(
      layout: req.layout("Notice: \(model.meeting.title)", crumbs: crumbs), model: model
    ).response()
  }

  static func attend(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let id = try req.meetingID()
    var state = try req.formState()
    do {
      try await req.cases.recordAttendance(
        id,
        NewAttendance(
          member: state["member"], way: state["way"].isEmpty ? nil : state["way"],
          proxy: state["proxy"].isEmpty ? nil : state["proxy"]), by: actor)
      return req.redirect(to: SiteURL.meeting(.value(id)).path + "?attended#attendance", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await meetingPage(req, actor, id, state, status)
    }
  }

  static func minutes(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let id = try req.meetingID()
    var state = try req.formState()
    do {
      var notes: [Int: String] = [:]
      for (key, value) in state.values where key.hasPrefix("note-") {
        guard let item = Int(key.dropFirst(5)) else { continue }
        notes[item] = value
      }
      try await req.cases.writeMinutes(
        id, NewMinutes(notes: notes, basedOn: state["basedOn"].isEmpty ? nil : Int(state["basedOn"]) ?? -1),
        by: actor)
      return req.redirect(to: SiteURL.meeting(.value(id)).path + "?minuted#minutes", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await meetingPage(req, actor, id, state, status)
    }
  }

  static func approve(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let id = try req.meetingID()
    var state = try req.formState()
    do {
      let earlier = state["meeting"]
      try await req.cases.approveMinutes(
        of: earlier.isEmpty ? nil : earlier, version: Int(state["version-\(earlier)"]), at: id, by: actor)
      return req.redirect(to: SiteURL.meeting(.value(id)).path + "?approved#approvals", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await meetingPage(req, actor, id, state, status)
    }
  }
}
