package cn.campuspass.vehicle;

import static org.assertj.core.api.Assertions.assertThat;

import cn.campuspass.organization.poster.CjkFonts;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The label sheet's QR codes decode back to their signed links, one label per grid cell. */
class VehicleLabelSheetTest {

    private static final VehicleLabelLinks LINKS = new VehicleLabelLinks(new byte[32]);

    @Test
    void everyLabelOnAPageDecodesToItsOwnSignedLink() throws Exception {
        List<VehicleLabelSheet.Label> labels = new ArrayList<>();
        for (int i = 1; i <= VehicleLabelSheet.PER_PAGE; i++) {
            labels.add(new VehicleLabelSheet.Label(
                    "示范大学", "深圳A1000" + i, LINKS.link("https://campus.example.cn", "demo", 1000 + i)));
        }
        BufferedImage page = VehicleLabelSheet.page(labels, CjkFonts.find(), CjkFonts.findBold());
        int cellW = (page.getWidth() - 160) / VehicleLabelSheet.COLUMNS;
        int cellH = (page.getHeight() - 160) / VehicleLabelSheet.ROWS;
        for (int i = 0; i < labels.size(); i++) {
            BufferedImage cell = page.getSubimage(
                    80 + (i % VehicleLabelSheet.COLUMNS) * cellW + 4,
                    80 + (i / VehicleLabelSheet.COLUMNS) * cellH + 4,
                    cellW - 8,
                    cellH - 8);
            String text = new QRCodeReader()
                    .decode(
                            new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(cell))),
                            Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                    .getText();
            assertThat(text).isEqualTo(labels.get(i).link());
        }
    }

    @Test
    void signaturesHoldForTheirVehicleAndSchoolOnly() {
        String sig = LINKS.signature("demo", 7);
        assertThat(LINKS.verify("demo", 7, sig)).isTrue();
        assertThat(LINKS.verify("demo", 8, sig)).isFalse();
        assertThat(LINKS.verify("other", 7, sig)).isFalse();
        assertThat(LINKS.verify("demo", 7, null)).isFalse();
        assertThat(LINKS.verify("demo", 7, "A".repeat(22))).isFalse();
    }

    @Test
    void namesAreMaskedAfterTheFirstCharacter() {
        assertThat(VehicleLabels.maskName("张三")).isEqualTo("张*");
        assertThat(VehicleLabels.maskName("欧阳娜娜")).isEqualTo("欧***");
        assertThat(VehicleLabels.maskName("王")).isEqualTo("王*");
        assertThat(VehicleLabels.maskName(null)).isNull();
    }
}
