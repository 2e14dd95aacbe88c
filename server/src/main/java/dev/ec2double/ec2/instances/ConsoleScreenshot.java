package dev.ec2double.ec2.instances;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * GetConsoleScreenshot's picture: the tail of the console output as a screen shows it, light grey
 * on black, 100 columns by 40 rows of an 8 by 14 pixel font, written as an 8-bit greyscale PNG. The
 * font is a bitmap table (drawn once from DejaVu Sans Mono) and the PNG is written here, so the
 * server needs no AWT, no fonts on its machine and no graphics classes at start.
 */
final class ConsoleScreenshot {
  static final int COLUMNS = 100;
  static final int ROWS = 40;
  static final int CELL_W = 8;
  static final int CELL_H = 14;
  private static final byte INK = (byte) 0xd0;

  /** Printable ASCII from ' ' to '~', 14 rows of 8 pixels each, the leftmost the high bit. */
  private static final String FONT =
      ""
          + "000000000000000000000000000000001010101010100010100000000000282828000000000000000000"
          + "00000014247e2828fc4850000000000010385450701c145438101000000060909064186c12120c000000"
          + "00001c202030304a4e643a0000000000101010000000000000000000000c0808101010101008080c0000"
          + "0030101008080808081010300000000010543838541000000000000000000000101010fe101010000000"
          + "000000000000000000101020000000000000000000380000000000000000000000000000001010000000"
          + "000002040408081010202040000000003c2442424a4242243c000000000070101010101010107c000000"
          + "00003c420202040810207e00000000003c4202021c0202423c00000000000c0c143424447e0404000000"
          + "00007c40407c060202463c00000000001c22405c664242263c00000000007e0604040808101020000000"
          + "00003c4242423c4242423c00000000003c644242463a0244380000000000000000101000001010000000"
          + "000000000010100000101020000000000000021c60601c02000000000000000000007e007e0000000000"
          + "000000004038060638400000000000001c22020c18100010100000000000001c26424e52524e60201c00"
          + "00001818182424243c424200000000007c4242427c4242427c00000000001c224040404040221c000000"
          + "000078444242424242447800000000007e4040407e4040407e00000000007e4040407e40404040000000"
          + "00001c224040464242221c0000000000424242427e4242424200000000007c101010101010107c000000"
          + "00001c040404040404443800000000004244485070484c4442000000000040404040404040407e000000"
          + "00004266665a5a5a4242420000000000626252525a4a4a464600000000003c244242424242243c000000"
          + "00007c4242427c4040404000000000003c244242424242263c04040000007c4242427c44424241000000"
          + "00003c4240603c0202423c0000000000fe1010101010101010000000000042424242424242423c000000"
          + "00004242242424241818180000000000829292aaaaaa6c44440000000000422424181818242442000000"
          + "000082442828101010101000000000007e060408181020607e0000000018101010101010101010180000"
          + "000040202010100808040402000000301010101010101010103000000000304884000000000000000000"
          + "00000000000000000000000000fe0010080000000000000000000000000000003844043c44443c000000"
          + "0040404078444444444478000000000000003864404040603c000000000404043c44444444443c000000"
          + "000000003864447c404438000000000c10107c101010101010000000000000003c44444444443c042418"
          + "0040404058644444444444000000001000007010101010107c0000000008000038080808080808080830"
          + "0040404044485060504844000000007010101010101010100c000000000000007c545454545454000000"
          + "000000005864444444444400000000000000384444444444380000000000000078444444444478404040"
          + "000000003c44444444443c040404000000003c3220202020200000000000000038444038044438000000"
          + "000010107c10101010101c000000000000004444444444443c0000000000000044442828281010000000"
          + "00000000828254546c282800000000000000442828102828440000000000000044442828283010102060"
          + "000000007c04081020407c000000001c1010101060101010101c00000010101010101010101010101000"
          + "0070101010100c10101010700000000000000000700e000000000000";

  private ConsoleScreenshot() {}

  /** The PNG of the screen showing the end of this console text. */
  static byte[] png(String console) {
    List<String> lines = screenLines(console);
    int width = COLUMNS * CELL_W;
    int height = ROWS * CELL_H;
    byte[] pixels = new byte[height * (width + 1)]; // each row starts with its filter byte, 0
    for (int row = 0; row < lines.size(); row++) {
      String line = lines.get(row);
      for (int col = 0; col < line.length(); col++) {
        draw(pixels, width, row, col, line.charAt(col));
      }
    }
    return encode(width, height, pixels);
  }

  /** The last ROWS lines the screen shows, long lines wrapped, tabs as spaces. */
  static List<String> screenLines(String console) {
    List<String> wrapped = new ArrayList<>();
    for (String line : console.replace("\r", "").replace("\t", "    ").split("\n", -1)) {
      if (line.isEmpty()) {
        wrapped.add("");
      }
      for (int i = 0; i < line.length(); i += COLUMNS) {
        wrapped.add(line.substring(i, Math.min(line.length(), i + COLUMNS)));
      }
    }
    while (!wrapped.isEmpty() && wrapped.get(wrapped.size() - 1).isEmpty()) {
      wrapped.remove(wrapped.size() - 1);
    }
    return wrapped.subList(Math.max(0, wrapped.size() - ROWS), wrapped.size());
  }

  private static void draw(byte[] pixels, int width, int row, int col, char c) {
    if (c > '~') {
      c = '?';
    } else if (c < ' ') {
      c = ' ';
    }
    int glyph = (c - ' ') * CELL_H * 2;
    for (int y = 0; y < CELL_H; y++) {
      int bits = Integer.parseInt(FONT, glyph + y * 2, glyph + y * 2 + 2, 16);
      int start = (row * CELL_H + y) * (width + 1) + 1 + col * CELL_W;
      for (int x = 0; x < CELL_W; x++) {
        if ((bits & (0x80 >> x)) != 0) {
          pixels[start + x] = INK;
        }
      }
    }
  }

  private static byte[] encode(int width, int height, byte[] rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer header = ByteBuffer.allocate(13);
    header.putInt(width).putInt(height).put((byte) 8).put((byte) 0); // 8-bit greyscale
    header.put((byte) 0).put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", header.array());
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (DeflaterOutputStream z = new DeflaterOutputStream(compressed)) {
      z.write(rows);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    chunk(out, "IDAT", compressed.toByteArray());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(name);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
