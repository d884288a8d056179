package cn.campuspass.localstack;

/**
 * Prints a school staff member's access token, signed in as the console does (authorization code + PKCE through
 * the realm's login page; the console client allows no password grant). For the load scripts in {@code ops/bench}:
 * {@code ops/bench/staff-token.sh [school] [account] [password]}.
 */
public final class StaffToken {

    private StaffToken() {}

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println(
                    "Usage: StaffToken <keycloak-url> <app-url> <school> <account-or-phone> (password on stdin)");
            System.exit(2);
        }
        String password = new java.util.Scanner(System.in, java.nio.charset.StandardCharsets.UTF_8).nextLine();
        BrowserLogin.Tokens tokens =
                BrowserLogin.schoolConsole(args[0], args[2], args[1]).login(args[3], password);
        if (!tokens.ok()) {
            System.err.println("Sign-in refused: HTTP " + tokens.status());
            System.exit(1);
        }
        System.out.println(tokens.accessToken());
    }
}
