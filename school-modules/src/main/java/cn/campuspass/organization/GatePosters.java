package cn.campuspass.organization;

import cn.campuspass.organization.poster.GateLinks;
import cn.campuspass.organization.poster.GatePoster;
import cn.campuspass.organization.poster.GatePosterRenderer;
import cn.campuspass.organization.poster.Orientation;
import cn.campuspass.platform.school.SchoolCode;
import cn.campuspass.platform.school.SchoolContext;
import cn.campuspass.platform.school.SchoolDirectory;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Renders a gate's printable QR poster; the QR holds the signed portal entry link of this school and gate. */
@Service
public class GatePosters {

    public enum Format {
        PNG,
        PDF
    }

    private final Gates gates;
    private final Campuses campuses;
    private final SchoolDirectory directory;
    private final GateLinks links;
    private final GatePosterRenderer renderer = new GatePosterRenderer();
    private final String publicUrl;

    GatePosters(
            Gates gates,
            Campuses campuses,
            SchoolDirectory directory,
            @Value("${campuspass.gate-link.secret}") String secret,
            @Value("${campuspass.public-url}") String publicUrl) {
        this.gates = gates;
        this.campuses = campuses;
        this.directory = directory;
        this.links = new GateLinks(Base64.getDecoder().decode(secret));
        this.publicUrl = publicUrl;
    }

    /** Whether {@code signature} is this school's signature of the gate's entry link (the {@code s} parameter). */
    public boolean linkSignatureHolds(long gateId, String signature) {
        return links.verify(SchoolContext.require().value(), gateId, signature);
    }

    /** The signed portal entry link of a gate of the current school, as printed on its poster. */
    public String entryLink(long gateId) {
        return links.link(publicUrl, SchoolContext.require().value(), gateId);
    }

    public byte[] render(long gateId, Orientation orientation, Format format) {
        SchoolCode school = SchoolContext.require();
        Gate gate = gates.get(gateId);
        Campus campus = campuses.get(gate.getCampusId());
        String schoolName = directory.find(school).orElseThrow().name();
        GatePoster poster = new GatePoster(
                schoolName, campus.getName(), gate.getName(), links.link(publicUrl, school.value(), gate.getId()));
        return format == Format.PDF ? renderer.pdf(poster, orientation) : renderer.png(poster, orientation);
    }
}
