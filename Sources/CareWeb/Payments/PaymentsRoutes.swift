import CareCases
import CareCore
import Vapor

/// What a person pays towards their own care (self-funded, or from a direct payment): the statement month
/// by month, their choice of paying what is invoiced or a steady amount, a request to settle the balance;
/// the person, their arranger and the finance hat see it; the person or their arranger chooses.
enum PaymentsWeb: WebCapability {
  static let openAPI: String? = "payments"

  static func pages(_ r: PageRoutes) {
    r.get(.teamPayments(.key), PaymentsController.show)
    r.post(.teamPaymentsSteady(.key), PaymentsController.choose)
    r.post(.teamPaymentsSettle(.key), PaymentsController.settle)
  }

  static func api(_ v1: APIRoutes) {
    v1.get(.teamPayments(.key)) { req async throws -> DTO.PaymentsOut in
      DTO.PaymentsOut(try await req.cases.payments(try req.id(), by: try await req.actor()))
    }
    v1.put(.teamPaymentsSteady(.key)) { req async throws -> DTO.PaymentsOut in
      let actor = try await req.actor()
      let person: ID<Person> = try req.id()
      try await req.cases.checkMayChoosePayments(person, by: actor)
      let body = try req.content.decode(DTO.PaymentsChoiceIn.self)
      return DTO.PaymentsOut(try await req.cases.choosePayments(person, periods: body.periods, by: actor))
    }
    v1.post(.teamPaymentsSettleRequests(.key)) { req async throws -> Response in
      let model = try await req.cases.askToSettlePayments(try req.id(), by: try await req.actor())
      return try await DTO.PaymentsOut(model).encodeResponse(status: .created, for: req)
    }
  }
}

extension DTO {
  struct PaymentsChoiceIn: Content {
    let periods: Int
  }

  struct PaymentsOut: Content {
    let personID: String
    let periods: Int
    let steady: Bool
    let chosenAt: Date?
    let balancePence: Int
    let askedAt: Date?
    let currentMonth: String
    let invoicedThisMonthPence: Int
    let months: [PaymentsMonthOut]

    init(_ m: PaymentsModel) {
      let s = m.statement
      (personID, periods, steady, chosenAt) = (
        s.personID.description, s.choice.periods, s.choice.isSteady, s.choice.chosenAt
      )
      (balancePence, askedAt, currentMonth, invoicedThisMonthPence) = (
        s.balancePence, s.askedAt, String(s.current.iso.prefix(7)), s.invoicedThisMonthPence
      )
      months = s.months.map(PaymentsMonthOut.init)
    }
  }

  struct PaymentsMonthOut: Content {
    let month: String
    let periods: Int
    let invoicedPence: Int
    let askedPence: Int
    let settledPence: Int
    let settled: String?
    let balancePence: Int

    init(_ m: PaymentsMonth) {
      (month, periods, invoicedPence, askedPence) = (
        String(m.month.iso.prefix(7)), m.periods, m.invoicedPence, m.askedPence
      )
      (settledPence, settled, balancePence) = (m.settledPence, m.settled?.rawValue, m.balancePence)
    }
  }
}

enum PaymentsController {
  static func show(_ req: Request) async throws -> Response {
    try await page(req, try await req.actor(), try req.id(), FormState(), .ok)
  }

  static func page(_ req: Request, _ actor: Requester, _ person: ID<Person>, _ state: FormState, _ status: HTTPStatus)
    async throws -> Response
  {
    let model = try await req.cases.payments(person, by: actor)
    var state = state
    if state["periods"].isEmpty { state.values["periods"] = String(model.statement.choice.periods) }
    let notice: String? =
      switch req.url.query {
      case "chosen": "Saved: \(model.statement.choice.paymentsWords.lowercased()), from this month's end."
      case "asked": "Asked: this month's end asks for the whole balance."
      default: nil
      }
    return PaymentsPage(
      layout: req.layout(
        "What \(model.personName) pays", crumbs: MedicineController.crumbs(model.team),
        hasErrors: !state.errors.isEmpty),
      model: model, state: state, notice: notice
    ).response(status)
  }

  static func choose(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    var state = try req.formState()
    do {
      _ = try await req.cases.choosePayments(person, periods: Int(state["periods"]), by: actor)
      return req.redirect(to: SiteURL.teamPayments(.value(person)).path + "?chosen", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      state.errors = fields
      return try await page(req, actor, person, state, status)
    }
  }

  static func settle(_ req: Request) async throws -> Response {
    let actor = try await req.actor()
    let person: ID<Person> = try req.id()
    _ = try req.formState()
    do {
      _ = try await req.cases.askToSettlePayments(person, by: actor)
      return req.redirect(to: SiteURL.teamPayments(.value(person)).path + "?asked", redirectType: .normal)
    } catch let error as CareError where error != .notFound && error != .forbidden {
      let (status, _, fields) = CareErrorMiddleware.classify(error)
      var state = FormState()
      state.errors = fields
      return try await page(req, actor, person, state, status)
    }
  }
}
