package dev.ec2double.ec2.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ConsoleScreenshotTest {
  @Test
  void thePictureIsAPngOfTheScreenWithTheTextDrawnInIt() throws Exception {
    byte[] png = ConsoleScreenshot.png("first line\nhello from the console\n");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(ConsoleScreenshot.COLUMNS * ConsoleScreenshot.CELL_W);
    assertThat(image.getHeight()).isEqualTo(ConsoleScreenshot.ROWS * ConsoleScreenshot.CELL_H);
    assertThat(lit(image, 0, 0, 10 * 8, 14)).isPositive(); // "first line"
    assertThat(lit(image, 0, 14, 22 * 8, 28)).isPositive(); // "hello from the console"
    assertThat(lit(image, 0, 28, image.getWidth(), image.getHeight())).isZero();
  }

  @Test
  void theScreenShowsTheLastFortyLinesWrappedAtOneHundredColumns() {
    StringBuilder console = new StringBuilder();
    for (int i = 1; i <= 50; i++) {
      console.append("line ").append(i).append('\n');
    }
    console.append("x".repeat(150)).append("\n\n");
    var lines = ConsoleScreenshot.screenLines(console.toString());
    assertThat(lines).hasSize(ConsoleScreenshot.ROWS);
    assertThat(lines.get(lines.size() - 2)).hasSize(100);
    assertThat(lines.get(lines.size() - 1)).hasSize(50);
    assertThat(lines.get(0)).isEqualTo("line 13");
  }

  @Test
  void anEmptyConsoleIsABlackScreen() throws Exception {
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(ConsoleScreenshot.png("")));
    assertThat(lit(image, 0, 0, image.getWidth(), image.getHeight())).isZero();
  }

  private static int lit(BufferedImage image, int x0, int y0, int x1, int y1) {
    int n = 0;
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        if ((image.getRGB(x, y) & 0xff) > 0x80) {
          n++;
        }
      }
    }
    return n;
  }
}
