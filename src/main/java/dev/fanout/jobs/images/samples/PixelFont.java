package dev.fanout.jobs.images.samples;

import java.util.Map;

/** A 5×7 pixel font for the sample pictures' labels: digits, a few capitals, 'x' and space. Immutable. */
final class PixelFont {

	/** Rows top to bottom, one hex byte each, bit 4 the leftmost column. */
	private static final Map<Character, String> GLYPHS = Map.ofEntries(Map.entry('0', "0E11131519110E"),
			Map.entry('1', "040C040404040E"), Map.entry('2', "0E11010204081F"), Map.entry('3', "1F02040201110E"),
			Map.entry('4', "02060A121F0202"), Map.entry('5', "1F101E0101110E"), Map.entry('6', "0608101E11110E"),
			Map.entry('7', "1F010204080808"), Map.entry('8', "0E11110E11110E"), Map.entry('9', "0E11110F01020C"),
			Map.entry('x', "0000110A040A11"), Map.entry('C', "0E11101010110E"), Map.entry('E', "1F10101E10101F"),
			Map.entry('F', "1F10101E101010"), Map.entry('G', "0E11101711110F"), Map.entry('I', "0E04040404040E"),
			Map.entry('J', "0702020202120C"), Map.entry('K', "11121418141211"), Map.entry('M', "111B1515111111"),
			Map.entry('N', "11111915131111"), Map.entry('P', "1E11111E101010"), Map.entry('X', "11110A040A1111"),
			Map.entry('Y', "11110A04040404"));

	private PixelFont() {
	}

	/** Draws the text with its top-left corner at (left, top), each font pixel {@code scale} pixels a side. */
	static void draw(int[] pixels, int width, int height, String text, int left, int top, int rgb, int scale) {
		for (int i = 0; i < text.length(); i++) {
			String rows = GLYPHS.getOrDefault(text.charAt(i), "00000000000000");
			for (int row = 0; row < 7; row++) {
				int bits = Integer.parseInt(rows, row * 2, row * 2 + 2, 16);
				for (int col = 0; col < 5; col++) {
					if ((bits & (0x10 >> col)) != 0) {
						Scene.rectangle(pixels, width, height, left + (i * 6 + col) * scale, top + row * scale, scale,
								scale, rgb);
					}
				}
			}
		}
	}

}
