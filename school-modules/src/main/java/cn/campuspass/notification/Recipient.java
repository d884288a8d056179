package cn.campuspass.notification;

/**
 * Who receives a notification: a registrant, whose WeChat binding is read when the message is sent (a registrant
 * who unbinds in the meantime gets nothing), or a known openid (visitors, who sign in with WeChat alone).
 */
public record Recipient(Long registrantId, String openid) {

    public Recipient {
        if ((registrantId == null) == (openid == null || openid.isBlank())) {
            throw new IllegalArgumentException("A recipient is either a registrant or an openid");
        }
        if (openid != null && openid.length() > 64) {
            throw new IllegalArgumentException("An openid has at most 64 characters");
        }
    }

    public static Recipient registrant(long registrantId) {
        return new Recipient(registrantId, null);
    }

    public static Recipient openid(String openid) {
        return new Recipient(null, openid);
    }
}
