package io.neuroedge.events.aedat;

import io.neuroedge.events.EventFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The start of an AEDAT 4.0 file: the 14-byte magic {@code #!AER-DAT4.0\r\n}, a uint32 LE size
 * and the IOHeader FlatBuffer {@code { compression: int32; dataTablePosition: int64 = -1;
 * infoNode: string }} (identifier {@code IOHE}), whose {@code infoNode} XML declares the streams.
 *
 * @param compression       codec of every packet payload
 * @param dataTablePosition file offset of the FileDataTable, or -1 when the file has none
 * @param streams           the declared streams, ordered by id
 * @param dataOffset        file offset of the first packet
 */
public record Aedat4Header(Aedat4Compression compression, long dataTablePosition,
        List<Aedat4Stream> streams, long dataOffset) {

    /** The magic line every AEDAT 4.0 file starts with. */
    static final byte[] MAGIC = "#!AER-DAT4.0\r\n".getBytes(StandardCharsets.US_ASCII);
    /** Largest IOHeader accepted; real ones are a few KiB of XML. */
    static final int MAX_HEADER_BYTES = 16 * 1024 * 1024;

    public Aedat4Header {
        streams = List.copyOf(streams);
    }

    /** The stream with this id, if declared. */
    public Optional<Aedat4Stream> stream(int id) {
        return streams.stream().filter(s -> s.id() == id).findFirst();
    }

    /** The polarity-event stream with the lowest id, if any. */
    public Optional<Aedat4Stream> firstEventStream() {
        return streams.stream().filter(Aedat4Stream::isEvents).findFirst();
    }

    /** Reads the header from the start of {@code in}, leaving it at the first packet. */
    static Aedat4Header read(ByteSource in) throws IOException {
        String source = in.source();
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic, 0, magic.length, "AEDAT 4.0 magic line");
        for (int i = 0; i < magic.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new EventFormatException(source, i, "not an AEDAT 4.0 file: the first line "
                        + "is not #!AER-DAT4.0 followed by CR LF");
            }
        }
        long sizeAt = in.position();
        long size = in.readIntLE("IOHeader size") & 0xFFFF_FFFFL;
        if (size > MAX_HEADER_BYTES) {
            throw new EventFormatException(source, sizeAt,
                    "IOHeader size " + size + " exceeds " + MAX_HEADER_BYTES + " bytes");
        }
        byte[] bytes = new byte[(int) size];
        long bufferAt = in.position();
        in.readFully(bytes, 0, bytes.length, "IOHeader");
        FlatBufferView fb = new FlatBufferView(bytes, 0, bytes.length, source, bufferAt);
        int table = fb.root("IOHE");
        int code = fb.int32(table, 0, 0);
        Aedat4Compression compression = Aedat4Compression.ofCode(code);
        if (compression == null) {
            throw new EventFormatException(source, bufferAt, "unknown compression code " + code);
        }
        long dataTable = fb.int64(table, 1, -1);
        long dataOffset = in.position();
        if (dataTable != -1 && dataTable < dataOffset) {
            throw new EventFormatException(source, bufferAt,
                    "data table position " + dataTable + " lies inside the header");
        }
        List<Aedat4Stream> streams = parseInfoNode(fb.string(table, 2), source, bufferAt);
        return new Aedat4Header(compression, dataTable, streams, dataOffset);
    }

    /** The streams of {@code <dv><node name="outInfo"><node name="ID">...}. */
    private static List<Aedat4Stream> parseInfoNode(String xml, String source, long offset)
            throws EventFormatException {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // untrusted input: no DTDs, no external entities
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // throws on fatal errors instead of printing them to stderr
            builder.setErrorHandler(new DefaultHandler());
            doc = builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new EventFormatException(source, offset,
                    "IOHeader infoNode is not well-formed XML: " + e.getMessage());
        }
        Element outInfo = child(doc.getDocumentElement(), "outInfo");
        if (outInfo == null) {
            throw new EventFormatException(source, offset, "IOHeader infoNode has no outInfo node");
        }
        List<Aedat4Stream> streams = new ArrayList<>();
        for (Node n = outInfo.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("node")) {
                int id = parseInt(e.getAttribute("name"), source, offset, "stream id");
                Element info = child(e, "info");
                streams.add(new Aedat4Stream(id, attr(e, "typeIdentifier"),
                        attr(e, "originalOutputName"),
                        info == null ? 0 : sizeAttr(info, "sizeX", source, offset),
                        info == null ? 0 : sizeAttr(info, "sizeY", source, offset),
                        info == null ? "" : attr(info, "source")));
            }
        }
        streams.sort(Comparator.comparingInt(Aedat4Stream::id));
        return streams;
    }

    /** The child {@code <node name="NAME">} of {@code parent}, or null. */
    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("node")
                    && e.getAttribute("name").equals(name)) {
                return e;
            }
        }
        return null;
    }

    /** The text of the child {@code <attr key="KEY">} of {@code node}, or "" when absent. */
    private static String attr(Element node, String key) {
        for (Node n = node.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("attr")
                    && e.getAttribute("key").equals(key)) {
                return e.getTextContent().strip();
            }
        }
        return "";
    }

    private static int sizeAttr(Element info, String key, String source, long offset)
            throws EventFormatException {
        String value = attr(info, key);
        return value.isEmpty() ? 0 : parseInt(value, source, offset, key);
    }

    private static int parseInt(String value, String source, long offset, String what)
            throws EventFormatException {
        try {
            int v = Integer.parseInt(value);
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new EventFormatException(source, offset,
                    "IOHeader infoNode " + what + " '" + value + "' is not a non-negative number");
        }
    }
}
