import Testing
@testable import Workbench

@Suite("Filter query terms")
struct FilterQueryTests {
    private let keys: Set<String> = ["severity", "state", "code"]

    @Test("Known keys become terms, other words stay free text, half-typed terms are ignored")
    func parse() {
        let query = FilterQuery("severity:blocking chest State:open 14:02 code: x:y", keys: keys)
        #expect(query.terms == ["severity": "blocking", "state": "open"])
        #expect(query.text == "chest 14:02 x:y")
        #expect(FilterQuery("a  b", keys: []).text == "a  b")
    }

    @Test("Setting a term replaces it in place of the old one and keeps the other words")
    func setting() {
        let text = FilterQuery.setting("severity", to: "info", in: "chest severity:blocking state:open", keys: keys)
        #expect(text == "severity:info chest state:open")
        #expect(FilterQuery.setting("state", to: nil, in: text, keys: keys) == "severity:info chest")
    }
}
