import CareCases
import CareCore
import Vapor

/// `carecoop coop create …` and `carecoop coop list`: the deployment's operator adds a co-op (the first
/// one can also be made on the setup page) or lists them.
struct CoopCommand: AsyncCommand {
  struct Signature: CommandSignature {
    @Argument(name: "action", help: "create or list")
    var action: String
    @Option(name: "name", help: "The co-op's registered name")
    var name: String?
    @Option(name: "number", help: "Its registered society number")
    var number: String?
    @Option(name: "address", help: "Its registered address")
    var address: String?
    @Option(name: "admin-name", help: "Its first administrator's name")
    var adminName: String?
    @Option(name: "admin-email", help: "Its first administrator's e-mail address (gets a link to choose a password)")
    var adminEmail: String?
  }

  var help: String { "Adds a co-op to this deployment (create), or lists them (list)." }

  func run(using context: CommandContext, signature: Signature) async throws {
    let cases = context.application.care.cases
    switch signature.action {
    case "list":
      for coop in try await cases.coops() {
        context.console.print("\(coop.name) (\(coop.registeredNumber))")
      }
    case "create":
      let input = CoopSetup(
        coopName: signature.name ?? "", registeredNumber: signature.number ?? "", address: signature.address ?? "",
        adminName: signature.adminName ?? "", adminEmail: signature.adminEmail ?? "", password: "")
      do {
        let (coop, admin, link) = try await cases.createCoop(input)
        context.console.print("Co-op \(coop.name) created; its administrator is \(admin.name) <\(admin.email ?? "")>.")
        context.console.print("A link to choose a password went to that address (valid for one hour):")
        context.console.print("  \(link)")
      } catch let error as CareError {
        for field in error.fieldErrors {
          context.console.error("--\(Self.option(for: field.field)): \(field.message)")
        }
        throw CoopCommandRefusal()
      }
    default:
      context.console.error(
        "Say `carecoop coop create --name … --number … --address … --admin-name … --admin-email …` or `carecoop coop list`."
      )
      throw CoopCommandRefusal()
    }
  }

  static func option(for field: String) -> String {
    switch field {
    case "coopName": "name"
    case "registeredNumber": "number"
    case "adminName": "admin-name"
    case "adminEmail": "admin-email"
    default: field
    }
  }
}

struct CoopCommandRefusal: Error, CustomStringConvertible {
  var description: String { "nothing was created" }
}
