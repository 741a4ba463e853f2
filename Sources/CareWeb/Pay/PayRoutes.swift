import CareCases
import CareCore
import CareLedger
import Vapor

/// Pay: the finance hat's page (the pay table in words, the runs; a run in two steps: each worker's pay and
/// minimum wage check, and the work not paid, then yes), one run, its payroll CSV; each worker's own
/// payslips; and the API (a run takes an Idempotency-Key).
enum PayWeb: WebCapability {
  static let openAPI: String? = "pay"

  static func pages(_ r: PageRoutes) {
    r.get(.pay, PayController.show)
    r.post(.payRuns, PayController.run)
    r.get(.payRun(.key), PayController.showRun)
    r.get(.payRunCSV(.key), PayController.csv)
    r.get(.myPay, PayController.mine)
    r.post(.myPaySteady, PayController.chooseSteady)
    r.post(.myPayBalance, PayController.askForBalance)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.payRuns) { req async throws -> [DTO.PayRunOut] in
      try await req.cases.pay(by: try await req.actor()).runs.map(DTO.PayRunOut.init)
    }
    v1.post(.payRuns) { req async throws -> Response in
      let actor = try await req.actor()
      try req.cases.checkMayRunPay(by: actor)
      let key = try req.idempotencyKey()
      let body = try req.content.decode(DTO.PayRunIn.self)
      let (run, replayed) = try await req.cases.runPay(
        from: body.from, through: body.through, yearEnd: body.yearEnd ?? false, key: key, by: actor)
      let response = try await DTO.PayRunOut(run).encodeResponse(status: .created, for: req)
      if replayed { response.headers.markReplayed() }
      return response
    }
    v1.get(.payRun(.key)) { req async throws -> DTO.PayRunOut in
      let id: ID<PayRun> = try req.id()
      return DTO.PayRunOut(try await req.cases.payRun(id.rawValue, by: try await req.actor()).run)
    }
    v1.get(.myPay) { req async throws -> [DTO.PayslipOut] in
      try await req.cases.myPay(by: try await req.actor()).payslips.map(DTO.PayslipOut.init)
    }
    v1.get(.myPaySteady) { req async throws -> DTO.PayPositionOut in
      DTO.PayPositionOut(try await req.cases.myPay(by: try await req.actor()).position)
    }
    v1.put(.myPaySteady) { req async throws -> DTO.PayPositionOut in
      let actor = try await req.actor()
      let body = try req.content.decode(DTO.PayChoiceIn.self)
      return DTO.PayPositionOut(try await req.cases.choosePay(periods: body.periods, by: actor))
    }
    v1.post(.myPayBalanceRequests) { req async throws -> Response in
      let position = try await req.cases.askForBalance(by: try await req.actor())
      return try await DTO.PayPositionOut(position).encodeResponse(status: .created, for: req)
    }
  }
}

extension DTO {
  struct PayRunIn: Content {
    let from: Day
    let through: Day
    /// The tax year's last run: every steady pay balance is paid in full.
    let yearEnd: Bool?
  }

  struct PayChoiceIn: Content {
    let periods: Int
  }

  /// A worker's choice of plain or steady pay, and their smoothing balance.
  struct PayPositionOut: Content {
    let periods: Int
    let steady: Bool
    let chosenAt: Date?
    let balancePence: Int
    let earnedPence: Int
    let paidPence: Int
    let askedAt: Date?

    init(_ p: PayPosition) {
      (periods, steady, chosenAt) = (p.choice.periods, p.choice.isSteady, p.choice.chosenAt)
      (balancePence, earnedPence, paidPence) = (p.balancePence, p.earned.reduce(0, +), p.paid.reduce(0, +))
      askedAt = p.askedAt
    }
  }

  struct SteadyPaymentOut: Content {
    let periods: Int
    let earnedPence: Int
    let paidPence: Int
    let settledPence: Int
    let settled: String?
    let balancePence: Int

    init(_ p: SteadyPayment) {
      (periods, earnedPence, paidPence, settledPence) = (p.periods, p.earnedPence, p.paidPence, p.settledPence)
      (settled, balancePence) = (p.settled?.rawValue, p.balancePence)
    }
  }

  struct PayRunOut: Content {
    let id: String
    let from: String
    let through: String
    let ranAt: Date
    let minimumHourlyPence: Int
    let payslips: [PayslipOut]
    let unpaid: [UnpaidWorkOut]

    init(_ r: PayRun) {
      (id, from, through, ranAt) = (r.id.uuidString.lowercased(), r.period.from.iso, r.period.through.iso, r.ranAt)
      minimumHourlyPence = r.minimumHourlyPence
      payslips = r.payslips.map(PayslipOut.init)
      unpaid = r.unpaid.map(UnpaidWorkOut.init)
    }
  }

  struct PayslipOut: Content {
    let id: String
    let runID: String
    let workerID: String
    let from: String
    let through: String
    let basis: String
    let lines: [PayLineOut]
    let workingMinutes: Int
    let pence: Int
    let minimumHourlyPence: Int
    let shortfallPence: Int
    let payment: SteadyPaymentOut
    let visits: [PaidVisitOut]

    init(_ p: Payslip) {
      (id, runID, workerID) = (p.id.uuidString.lowercased(), p.runID.uuidString.lowercased(), p.workerID.description)
      (from, through, basis) = (p.period.from.iso, p.period.through.iso, p.basis.rawValue)
      lines = p.reckoning.lines.map {
        PayLineOut(item: $0.item.rawValue, minutes: $0.minutes, hourlyPence: $0.hourlyPence, pence: $0.pence)
      }
      (workingMinutes, pence) = (p.reckoning.workingMinutes, p.pence)
      (minimumHourlyPence, shortfallPence) = (p.reckoning.minimumHourlyPence, p.shortfallPence)
      payment = SteadyPaymentOut(p.payment)
      visits = p.visits.map {
        PaidVisitOut(
          personID: $0.personID.description, visitKey: $0.visitKey, day: $0.day.iso, start: $0.start,
          minutes: $0.minutes, unsocialMinutes: $0.unsocialMinutes, travelMinutes: $0.travelMinutes)
      }
    }
  }

  struct PayLineOut: Content {
    let item: String
    let minutes: Int
    let hourlyPence: Int
    let pence: Int
  }

  struct PaidVisitOut: Content {
    let personID: String
    let visitKey: String
    let day: String
    let start: Int
    let minutes: Int
    let unsocialMinutes: Int
    let travelMinutes: Int
  }

  struct UnpaidWorkOut: Content {
    let workerID: String
    let visitKey: String
    let day: String
    let minutes: Int
    let why: String

    init(_ u: UnpaidWork) {
      (workerID, visitKey, day, minutes, why) = (
        u.workerID.description, u.visitKey, u.day.iso, u.minutes, u.why.rawValue
      )
    }
  }
}

enum PayController {
  static func show(_ req: Request) async throws -> Response {
    try await page(req, try await req.actor(), FormState(), .ok)
  }

  static func page(_ req: Request, _ actor: Requester, _ state: FormState, _ status: HTTPStatus) async throws
    -> Response
  {
    let model = try await req.cases.pay(by: actor)
    var state = state
    if state.values.isEmpty {
      state.values = ["from": model.suggested.from.iso, "through": model.suggested.through.iso]
    }
    return PayPage(
      layout: req.layout("Pay", crumbs: [.init(label: "Home", url: .home)], hasErrors: !state.errors.isEmpty),
      model: model, state: state, notice: req.url.query == "paid"
    ).response(status)
  }

  /// A run on the page, in two steps: what it would pay (nothing kept), then, with `confirm=yes`, issued.
  static func run(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    try req.cases.checkMayRunPay(by: actor)
    var state = try req.formState()
    do {
      let (from, through) = try RunDays.read(state)
      let yearEnd = state["yearEnd"] == "true"
      if state["confirm"] == "yes" {
        let run = try await req.cases.runPay(from: from, through: through, yearEnd: yearEnd, by: actor).run
        return req.redirect(to: SiteURL.payRun(.value(ID(run.id))).path, redirectType: .normal)
      }
      let preview = try await req.cases.previewPay(from: from, through: through, yearEnd: yearEnd, by: actor)
      return PayRunPreviewPage(
        layout: req.layout(
          "Pay for \(preview.period.from.longText) to \(preview.period.through.longText)?",
          crumbs: [.init(label: "Home", url: .home), .init(label: "Pay", url: .pay)]),
        preview: preview
      ).response()
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await page(req, actor, state, status)
    }
  }

  static func showRun(_ req: Request) async throws -> Response {
    let id: ID<PayRun> = try req.id()
    let model = try await req.cases.payRun(id.rawValue, by: try await req.actor())
    return PayRunPage(
      layout: req.layout(
        "Pay for \(model.run.period.from.longText) to \(model.run.period.through.longText)",
        crumbs: [.init(label: "Home", url: .home), .init(label: "Pay", url: .pay)]),
      model: model
    ).response()
  }

  static func csv(_ req: Request) async throws -> Response {
    let id: ID<PayRun> = try req.id()
    let model = try await req.cases.payRun(id.rawValue, by: try await req.actor())
    return csvResponse(
      model.payrollCSV, filename: "pay-\(model.run.period.from.iso)-\(model.run.period.through.iso).csv")
  }

  static func mine(_ req: Request) async throws -> Response {
    try await minePage(req, try await req.actor(), FormState(), .ok)
  }

  static func minePage(_ req: Request, _ actor: Requester, _ state: FormState, _ status: HTTPStatus) async throws
    -> Response
  {
    let model = try await req.cases.myPay(by: actor)
    var state = state
    if state["periods"].isEmpty { state.values["periods"] = String(model.position.choice.periods) }
    let notice: String? =
      switch req.url.query {
      case "chosen": "Saved: \(model.position.choice.words.lowercased()), from the next pay run."
      case "asked": "Asked: the next pay run pays your whole balance."
      default: nil
      }
    return MyPayPage(
      layout: req.layout("Your pay", crumbs: [.init(label: "Home", url: .home)], hasErrors: !state.errors.isEmpty),
      model: model, state: state, notice: notice
    ).response(status)
  }

  /// The worker's choice of plain or steady pay.
  static func chooseSteady(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    var state = try req.formState()
    do {
      _ = try await req.cases.choosePay(periods: Int(state["periods"]), by: actor)
      return req.redirect(to: SiteURL.myPay.path + "?chosen", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await minePage(req, actor, state, status)
    }
  }

  /// The worker asks for their whole steady pay balance at the next run.
  static func askForBalance(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    do {
      _ = try await req.cases.askForBalance(by: actor)
      return req.redirect(to: SiteURL.myPay.path + "?asked", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      var state = FormState()
      state.errors = fields
      return try await minePage(req, actor, state, status)
    }
  }
}
