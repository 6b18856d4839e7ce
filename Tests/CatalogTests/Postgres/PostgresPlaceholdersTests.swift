import Testing

@testable import Catalog

@Suite struct PostgresPlaceholdersTests {
    @Test("Bare placeholders are numbered in order")
    func bare() {
        #expect(
            PostgresPlaceholders.translate("SELECT * FROM t WHERE a = ? AND b IN (?, ?) LIMIT ?")
                == "SELECT * FROM t WHERE a = $1 AND b IN ($2, $3) LIMIT $4")
    }

    @Test("Numbered placeholders keep their numbers")
    func numbered() {
        #expect(
            PostgresPlaceholders.translate("UPDATE t SET a = ?1 WHERE id = ?1 OR parent = ?12")
                == "UPDATE t SET a = $1 WHERE id = $1 OR parent = $12")
    }

    @Test("Question marks in literals, quoted names and comments are text, not placeholders")
    func literalsAreLeftAlone() {
        let sql = """
            SELECT 'what? it''s ?' AS "odd?name", x -- why? because
            FROM t /* a ? here */ WHERE y = ? AND z = 'é?'
            """
        let expected = """
            SELECT 'what? it''s ?' AS "odd?name", x -- why? because
            FROM t /* a ? here */ WHERE y = $1 AND z = 'é?'
            """
        #expect(PostgresPlaceholders.translate(sql) == expected)
    }

    @Test("An unterminated literal is copied to the end, not scanned for placeholders")
    func unterminated() {
        #expect(PostgresPlaceholders.translate("SELECT ? WHERE a = 'x?") == "SELECT $1 WHERE a = 'x?")
    }
}

@Suite struct PostgresScriptTests {
    @Test("A script splits at semicolons outside literals; comments and empty statements are dropped")
    func splits() {
        let script = """
            -- a comment; not a statement
            CREATE TABLE a (x TEXT DEFAULT ';');
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS
              'BEGIN RAISE EXCEPTION ''no; never''; END';
            ;
            SELECT 1 - -1
            """
        #expect(
            PostgresScript.statements(script) == [
                "CREATE TABLE a (x TEXT DEFAULT ';')",
                "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS\n  'BEGIN RAISE EXCEPTION ''no; never''; END'",
                "SELECT 1 - -1",
            ])
    }
}
