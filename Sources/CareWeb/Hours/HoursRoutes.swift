import CareCases
import CareCore
import CareLedger
import Vapor

/// Hours that belong to the person: the page (each agreement's hours this period, banked and expiring, the
/// history; banking and drawing in two steps; the finance hat's form for an agreement) and the API (postings
/// take an Idempotency-Key).
enum HoursWeb: WebCapability {
  static let openAPI: String? = "hours"

  static func pages(_ r: PageRoutes) {
    r.get(.teamHours(.key), HoursController.show)
    r.post(.teamHoursBank(.key)) { try await HoursController.change($0, bank: true) }
    r.post(.teamHoursDraw(.key)) { try await HoursController.change($0, bank: false) }
    r.post(.teamHoursAgreements(.key), HoursController.record)
    r.get(.teamHoursUndo(.key, .key), HoursController.showUndo)
    r.post(.teamHoursUndo(.key, .key), HoursController.undo)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.teamHours(.key)) { req async throws -> DTO.HoursOut in
      DTO.HoursOut(try await req.cases.hours(try req.id(), by: try await req.actor()))
    }
    v1.post(.teamHoursAgreements(.key)) { req async throws -> Response in
      let actor = try await req.actor()
      try await req.cases.checkMayManageFunding(try req.id(), by: actor)
      let body = try req.content.decode(DTO.FundingIn.self)
      let agreement = try await req.cases.recordFunding(body.terms, person: try req.id(), by: actor)
      return try await DTO.FundingOut(agreement, money: true).encodeResponse(status: .created, for: req)
    }
    v1.post(.teamHoursReversal(.key, .key)) { req async throws -> Response in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      try await req.cases.checkMayChangeHours(person, by: actor)
      let entry: ID<HoursEntry> = try req.id(HoursEntry.self, SiteURL.entryID)
      let key = try req.idempotencyKey()
      let body = try req.content.decode(DTO.HoursReversalIn.self)
      let post = try await req.cases.correctHours(
        entry.rawValue, person: person, reason: body.reason, key: key, by: actor)
      let response = try await DTO.HoursEntryOut(post.record).encodeResponse(status: .created, for: req)
      if case .replayed = post { response.headers.markReplayed() }
      return response
    }
    v1.post(.teamHoursBank(.key)) { req async throws -> Response in try await post(req, bank: true) }
    v1.post(.teamHoursDraw(.key)) { req async throws -> Response in try await post(req, bank: false) }
  }

  /// Banks or draws through the API: the Idempotency-Key header is required; the same key and request again
  /// answers as the first time (with `Idempotent-Replayed: true`).
  static func post(_ req: Request, bank: Bool) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    try await req.cases.checkMayChangeHours(person, by: actor)
    let key = try req.idempotencyKey()
    let body = try req.content.decode(DTO.HoursChangeIn.self)
    let agreement = ID<FundingAgreement>(body.agreementID)
    let post =
      bank
      ? try await req.cases.bankHours(body.minutes, agreement: agreement, person: person, key: key, by: actor)
      : try await req.cases.drawHours(body.minutes, agreement: agreement, person: person, key: key, by: actor)
    let response = try await DTO.HoursEntryOut(post.record).encodeResponse(status: .created, for: req)
    if case .replayed = post { response.headers.markReplayed() }
    return response
  }
}

enum HoursController {
  static func show(_ req: Request) async throws -> Response {
    try await page(req, try await req.actor(), try req.id(), FormState(), .ok)
  }

  static func page(_ req: Request, _ actor: Requester, _ person: ID<Person>, _ state: FormState, _ status: HTTPStatus)
    async throws -> Response
  {
    let model = try await req.cases.hours(person, by: actor)
    var state = state
    if state.values.isEmpty {
      state.values = ["funder": "localAuthority", "period": "week", "bankWeeks": "4", "noticeDays": "0"]
    }
    return HoursPage(
      layout: req.layout(
        "\(model.personName)'s hours", crumbs: MedicineController.crumbs(model.team), hasErrors: !state.errors.isEmpty),
      model: model, state: state, notice: req.url.query.flatMap(HoursPage.Notice.init(rawValue:))
    ).response(status)
  }

  /// Hours and minutes from two boxes ("2" and "30" → 150); nil when either is not a whole number.
  static func minutes(_ state: FormState, _ prefix: String) -> Int? {
    let h = state["\(prefix)-hours"].trimmingCharacters(in: .whitespaces)
    let m = state["\(prefix)-minutes"].trimmingCharacters(in: .whitespaces)
    guard let hours = h.isEmpty ? 0 : Int(h), let minutes = m.isEmpty ? 0 : Int(m), (0...999).contains(hours),
      (0...59).contains(minutes)
    else { return nil }
    return hours * 60 + minutes
  }

  /// Banking or drawing on the page, in two steps: first what it would do (checked, nothing kept), then,
  /// with `confirm=yes`, done.
  static func change(_ req: Request, bank: Bool) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    var state = try req.formState()
    try await req.cases.checkMayChangeHours(person, by: actor)
    let agreementText = state["agreementID"]
    let prefix = "\(bank ? "bank" : "draw")-\(agreementText)"
    do {
      guard let agreement = ID<FundingAgreement>(string: agreementText) else {
        throw CareError.invalid("agreementID", "Choose one of the agreements")
      }
      guard let minutes = minutes(state, prefix) else {
        throw CareError.invalid("hours", "Give whole hours (0 to 999) and minutes (0 to 59)")
      }
      if state["confirm"] == "yes" {
        if bank {
          try await req.cases.bankHours(minutes, agreement: agreement, person: person, by: actor)
        } else {
          try await req.cases.drawHours(minutes, agreement: agreement, person: person, by: actor)
        }
        return req.redirect(
          to: SiteURL.teamHours(.value(person)).path + (bank ? "?banked" : "?drawn"), redirectType: .normal)
      }
      let preview = try await req.cases.previewHours(
        bank: bank, minutes, agreement: agreement, person: person, by: actor)
      return HoursConfirmPage(
        layout: req.layout(
          bank ? "Bank \(Minutes(minutes).spoken)?" : "Use \(Minutes(minutes).spoken) of the bank?",
          crumbs: MedicineController.crumbs(preview.model.team)),
        preview: preview, state: state, prefix: prefix
      ).response()
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      // Each agreement's form has its own fields: the problem is shown at the one that was sent.
      state.errors = fields.map {
        FieldError($0.field == "agreementID" ? "agreementID" : "\(prefix)-hours", $0.message)
      }
      return try await page(req, actor, person, state, status)
    }
  }

  /// The page that undoes a banking or drawing (its entry checked first: the person's, not undone yet).
  static func showUndo(_ req: Request) async throws -> Response {
    try await undoPage(req, try await req.actor(), FormState(), .ok)
  }

  static func undoPage(_ req: Request, _ actor: Requester, _ state: FormState, _ status: HTTPStatus) async throws
    -> Response
  {
    let person: ID<Person> = try req.id()
    let entry: ID<HoursEntry> = try req.id(HoursEntry.self, SiteURL.entryID)
    let (model, record, undoing) = try await req.cases.correction(entry.rawValue, person: person, by: actor)
    return HoursUndoPage(
      layout: req.layout(
        "Undo \(HoursPage.words(record.entry.kind).lowercased())?", crumbs: MedicineController.crumbs(model.team),
        hasErrors: !state.errors.isEmpty),
      model: model, record: record, undoing: undoing, state: state
    ).response(status)
  }

  /// Undoes it, with why; a problem (a reason missing, the hours no longer there to move back) is shown on
  /// the page.
  static func undo(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    try await req.cases.checkMayChangeHours(person, by: actor)
    let entry: ID<HoursEntry> = try req.id(HoursEntry.self, SiteURL.entryID)
    var state = try req.formState()
    do {
      try await req.cases.correctHours(entry.rawValue, person: person, reason: state["reason"], by: actor)
      return req.redirect(to: SiteURL.teamHours(.value(person)).path + "?undone", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await undoPage(req, actor, state, status)
    }
  }

  /// The finance hat's form for a new agreement.
  static func record(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    var state = try req.formState()
    try await req.cases.checkMayManageFunding(person, by: actor)
    do {
      var v = Validator()
      func number(_ field: String, _ label: String, optional: Bool = false) -> Int? {
        let text = state[field].trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
          if !optional { v.add(field, "Give \(label)") }
          return nil
        }
        guard let value = Int(text) else {
          v.add(field, "Give \(label) as a whole number")
          return nil
        }
        return value
      }
      let funder = FunderKind(rawValue: state["funder"])
      if funder == nil { v.add("funder", "Choose who pays") }
      let period = FundingPeriod(rawValue: state["period"])
      if period == nil { v.add("period", "Choose how often the hours come") }
      let hours = number("hoursPerPeriod", "the hours a period")
      let rate = number("ratePence", "the rate an hour in pence")
      let bankLimit = number("bankLimitHours", "the hours that may be banked", optional: true)
      let bankWeeks = number("bankWeeks", "the weeks banked hours last")
      let compressMin = number("compressMinMinutes", "the shortest visit", optional: true)
      let compressMax = number("compressMaxMinutes", "the longest visit", optional: true)
      let notice = number("noticeDays", "the days of notice")
      let starts = Day(iso: state["starts"])
      if starts == nil { v.add("starts", "Give the first day as a date") }
      var ends: Day?
      if !state["ends"].isEmpty {
        ends = Day(iso: state["ends"])
        if ends == nil { v.add("ends", "Give the last day as a date, or leave it empty") }
      }
      try v.check()
      guard let funder, let period, let hours, let rate, let bankWeeks, let notice, let starts else {
        throw CareError.invalid(v.errors)
      }
      try await req.cases.recordFunding(
        FundingTerms(
          funder: funder, funderName: state["funderName"], minutesPerPeriod: hours * 60, period: period,
          starts: starts, ends: ends, ratePence: rate, bankLimitMinutes: bankLimit.map { $0 * 60 },
          bankWeeks: bankWeeks, compressMinMinutes: compressMin, compressMaxMinutes: compressMax, noticeDays: notice),
        person: person, by: actor)
      return req.redirect(to: SiteURL.teamHours(.value(person)).path + "?recorded", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields.map {
        switch $0.field {
        case "minutesPerPeriod": FieldError("hoursPerPeriod", $0.message)
        case "bankLimitMinutes": FieldError("bankLimitHours", $0.message)
        default: $0
        }
      }
      return try await page(req, actor, person, state, status)
    }
  }
}
