#!/usr/bin/env python3
"""Writes the golden input messages (src/test/resources/golden/*.eml).

Run from rewriter/: python3 src/test/golden-src/make_golden_inputs.py
All content is written for these tests. Expected outputs are produced by the rewriter with
placeholder tokens (GoldenMessagesTest, -Dgolden.update=true) and reviewed by hand.
"""
import base64
import os
import quopri

OUT = os.path.join(os.path.dirname(__file__), '..', 'resources', 'golden')
os.makedirs(OUT, exist_ok=True)

HDR = ("From: Shop <news@shop.example>\r\nTo: Ann <ann@example.org>\r\n"
       "Subject: {subject}\r\nDate: Sat, 28 Nov 2026 10:00:00 +0000\r\n"
       "Message-ID: <{mid}@shop.example>\r\nMIME-Version: 1.0\r\n")


def crlf(s):
    return s.replace('\r\n', '\n').replace('\n', '\r\n')


def qp(data: bytes) -> bytes:
    enc = quopri.encodestring(data)
    return enc.replace(b'\r\n', b'\n').replace(b'\n', b'\r\n')


def b64(data: bytes) -> bytes:
    s = base64.b64encode(data)
    lines = [s[i:i + 76] for i in range(0, len(s), 76)]
    return b'\r\n'.join(lines) + b'\r\n'


def write(name, data, options=None):
    if isinstance(data, str):
        data = data.encode('utf-8')
    with open(os.path.join(OUT, name + '.eml'), 'wb') as f:
        f.write(data)
    if options is not None:
        with open(os.path.join(OUT, name + '.options'), 'w') as f:
            f.write(options + '\n')


def single(name, subject, body, ctype='text/html; charset=utf-8', cte='7bit', extra='', options=None):
    head = HDR.format(subject=subject, mid=name) + extra + 'Content-Type: ' + ctype + '\r\n'
    if cte:
        head += 'Content-Transfer-Encoding: ' + cte + '\r\n'
    data = head.encode('ascii') + b'\r\n' + (crlf(body).encode('utf-8') if isinstance(body, str) else body)
    write(name, data, options)


single('01-simple-html', 'Simple', """<!DOCTYPE html>
<html><head><title>Sale</title></head>
<body>
<p><a href="https://shop.example/sale?utm_source=mail">Sale</a></p>
<p><a href="http://shop.example/plain">Plain http</a></p>
<p><a href="mailto:help@shop.example">Mail us</a> <a href="tel:+15551234">Call</a> <a href="sms:+15551234">Text</a></p>
<p><a href="#top">Top</a> <a href="javascript:void(0)">JS</a> <a href="ftp://files.shop.example/x">FTP</a></p>
<p><a name="anchor">No href</a> <a href="">Empty</a> <a href="/relative/no-base">Relative</a></p>
</body></html>
""")

single('02-uppercase-attributes', 'Case', """<HTML><BODY>
<A HREF="https://shop.example/UPPER">Upper</A>
<a Href="HTTPS://Shop.Example/Mixed">Mixed scheme case</a>
<IMG SRC="https://cdn.shop.example/logo.png" ALT="logo">
<MAP NAME="m"><AREA SHAPE="rect" COORDS="0,0,10,10" HREF="https://shop.example/area"></MAP>
<a href="https://shop.example/first" HREF="https://shop.example/duplicate">Duplicate attribute</a>
</BODY></HTML>
""")

single('03-quoting-styles', 'Quotes', """<html><body>
<a href='https://shop.example/single?x=1'>single</a>
<a href=https://shop.example/unquoted?x=1>unquoted</a>
<a class=btn href = "https://shop.example/spaced" >spaced</a>
<a
  href="https://shop.example/multiline"
  style="color:red">multi-line tag</a>
<a href="https://shop.example/it's">apostrophe in double quotes</a>
<a href=https://shop.example/self-closing/>self</a>
</body></html>
""")

single('04-character-references', 'Entities', """<html><body>
<a href="https://shop.example/p?a=1&amp;b=2&amp;c=3">amp</a>
<a href="https://shop.example/p?a=1&#38;b=2&#x26;c=3">numeric</a>
<a href="https://shop.example/p?a=1&copy=2">legacy name before equals stays literal</a>
<a href="https://shop.example/p?q=caf&eacute;">named</a>
<a href="https&#58;//shop.example/encoded-colon">encoded colon</a>
<a href="https://shop.example/p?x=&lt;y&gt;">lt gt</a>
</body></html>
""")

single('05-comments-and-conditionals', 'Comments', """<html><body>
<!-- <a href="https://shop.example/in-comment">hidden</a> -->
<!--[if mso]><a href="https://shop.example/outlook-only">Outlook</a><![endif]-->
<!--[if !mso]><!--><a href="https://shop.example/not-outlook">Others</a><!--<![endif]-->
<![if !vml]><a href="https://shop.example/downlevel-revealed">revealed</a><![endif]>
<p>a &lt;a href="https://shop.example/escaped"&gt; in text</p>
<a href="https://shop.example/after-comments">after</a>
</body></html>
""")

single('06-raw-text-elements', 'Raw text', """<html><head>
<title>Read <a href="https://shop.example/in-title">this</a></title>
<style>a[href="https://shop.example/in-style"] { color: red }</style>
<script>var s = '<a href="https://shop.example/in-script">x</a>';</script>
</head><body>
<template><a href="https://shop.example/in-template">t</a></template>
<textarea><a href="https://shop.example/in-textarea">t</a></textarea>
<SCRIPT type="text/template"><a href="https://shop.example/in-upper-script"></a></SCRIPT>
<a href="https://shop.example/real">real</a>
</body></html>
""")

single('07-no-body-close', 'No body end', """<div style="font-family:Arial">
<a href="https://shop.example/fragment-only-html">A fragment without html or body</a>
</div>
""")

single('08-base-href', 'Base', """<html><head><base href="https://shop.example/catalog/shoes/index.html?ref=1"></head><body>
<a href="red.html">red</a>
<a href="../hats/blue.html?c=2#top">up</a>
<a href="/account">root</a>
<a href="?page=2">query</a>
<a href="//cdn.shop.example/other">scheme-relative</a>
<a href="#section">fragment stays</a>
<a href="./a/./b/../c">dots</a>
</body></html>
""")

single('09-opt-out-attribute', 'Opt out', """<html><body>
<a href="https://shop.example/tracked">tracked</a>
<a data-waymark="off" href="https://shop.example/private">private</a>
<a href="https://shop.example/unsubscribe" DATA-WAYMARK='unsubscribe'>unsubscribe</a>
<a href="https://shop.example/other" data-waymark="on">on means nothing</a>
</body></html>
""")

single('10-list-unsubscribe', 'Unsubscribe', """<html><body>
<a href="https://shop.example/deal">deal</a>
<a href="https://shop.example/u/ann?token=abc&amp;list=7">Unsubscribe</a>
<a href="mailto:unsub@shop.example?subject=unsubscribe">Unsubscribe by mail</a>
</body></html>
""", extra="List-Unsubscribe: <mailto:unsub@shop.example?subject=unsubscribe>,\r\n <https://shop.example/u/ann?token=abc&list=7>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n")

single('11-template-placeholders', 'Placeholders', """<html><body>
<a href="{{ view_in_browser_url }}">view</a>
<a href="*|UNSUB|*">unsub</a>
<a href="https://shop.example/%%RECIPIENT%%">percent</a>
<a href="https://shop.example/${user.id}/prefs">dollar</a>
<a href="[[profile_url]]">brackets</a>
<a href="https://shop.example/ok">ok</a>
</body></html>
""")

html12 = """<html><body style="margin:0">
<table width="100%"><tr><td>
<p>Gr\u00fc\u00dfe aus K\u00f6ln \u2014 50\u00a0% Rabatt!</p>
<a href="https://shop.example/angebote/winter-sale?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=winter-2026-super-long-campaign-name">Zum Angebot</a>
<a href="https://shop.example/k\u00f6ln">Umlaut path</a>
</td></tr></table>
</body></html>
"""
text12 = "Hallo Ann,\nunser Winter-Sale: https://shop.example/angebote/winter-sale\nGr\u00fc\u00dfe\n"
alt12 = crlf(HDR.format(subject='QP', mid='12') + """Content-Type: multipart/alternative; boundary="alt-12"

--alt-12
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

""").encode() + qp(crlf(text12).encode('utf-8')) + crlf("""
--alt-12
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

""").encode() + qp(crlf(html12).encode('utf-8')) + b"\r\n--alt-12--\r\n"
write('12-quoted-printable-utf8', alt12)

html13 = """<html><body><p>Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e \u2014 d\u00e9j\u00e0 vu</p>
<a href="https://boutique.example/caf\u00e9?prix=10&amp;devise=EUR">Caf\u00e9</a>
<a href="https://boutique.example/r%C3%A9duction">r\u00e9duction</a>
</body></html>
""".replace('\u2014', '-')
single('13-base64-iso-8859-1', 'Base64 Latin-1', b64(crlf(html13).encode('iso-8859-1')),
       ctype='text/html; charset=ISO-8859-1', cte='base64')

png = bytes(range(256)) * 3
pdf = b'%PDF-1.4\n' + bytes((i * 7) % 256 for i in range(900)) + b'\n%%EOF\n'
nested = crlf(HDR.format(subject='Nested', mid='14') + """Content-Type: multipart/mixed; boundary="mixed-14"

This is a multi-part message in MIME format. See https://shop.example/preamble

--mixed-14
Content-Type: multipart/related; boundary="rel-14"; type="multipart/alternative"

--rel-14
Content-Type: multipart/alternative; boundary="alt-14"

--alt-14
Content-Type: text/plain; charset=us-ascii

Visit https://shop.example/text-part today.
--alt-14
Content-Type: text/html; charset=us-ascii

<html><body><img src="cid:logo@shop"><a href="https://shop.example/nested-html">deep</a></body></html>
--alt-14--

--rel-14
Content-Type: image/png
Content-Transfer-Encoding: base64
Content-ID: <logo@shop>

""").encode() + b64(png) + crlf("""--rel-14--

--mixed-14
Content-Type: text/html; charset=utf-8; name="page.html"
Content-Disposition: attachment; filename="page.html"

<html><body><a href="https://shop.example/attached-html">attached html stays</a></body></html>

--mixed-14
Content-Type: application/pdf; name="invoice.pdf"
Content-Disposition: attachment; filename="invoice.pdf"
Content-Transfer-Encoding: base64

""").encode() + b64(pdf) + crlf("""--mixed-14--

Epilogue with https://shop.example/epilogue stays.
""").encode()
write('14-nested-multipart', nested)

text15 = """Hello Ann,

Our sale: https://shop.example/sale.
See (https://shop.example/paren) or <https://shop.example/angle>.
Wiki: https://en.wikipedia.example/wiki/Foo_(bar), and https://shop.example/a,b?c=1!
Quoted "https://shop.example/quoted" and 'https://shop.example/single'
Not a link: xhttps://shop.example/no and mailto:ann@example.org
Unsubscribe: https://shop.example/u/ann
"""
single('15-text-plain-rewritten', 'Text', text15, ctype='text/plain; charset=us-ascii', cte='7bit',
       extra="List-Unsubscribe: <https://shop.example/u/ann>\r\n", options='clicks opens text')

alt16 = crlf(HDR.format(subject='Text not asked', mid='16') + """Content-Type: multipart/alternative; boundary=b16

--b16
Content-Type: text/plain

Go to https://shop.example/text-stays
--b16
Content-Type: text/html

<p><a href="https://shop.example/html-changes">html</a></p>
--b16--
""")
write('16-text-plain-not-asked', alt16)

html17 = "<html><body><p>\u201cSmart quotes\u201d \u2013 \u20ac5 off</p><a href=\"https://shop.example/w\u00e9b\">link</a></body></html>\n"
single('17-windows-1252-8bit', 'cp1252', crlf(html17).encode('cp1252'), ctype='text/html; charset=windows-1252', cte='8bit')

html18 = "<html><body><p>\u30bb\u30fc\u30eb\u958b\u50ac\u4e2d\uff01</p><a href=\"https://shop.example/jp/sale\">\u8a73\u3057\u304f\u306f\u3053\u3061\u3089</a></body></html>\n"
single('18-iso-2022-jp', 'JIS', crlf(html18).encode('iso2022_jp'), ctype='text/html; charset=ISO-2022-JP', cte='7bit')

html19 = "<html><body><p>\u30ef\u30f3\u30bf\u30a4\u30e0\u30d1\u30b9\u30ef\u30fc\u30c9</p><a href=\"https://shop.example/sjis\">\u8868\u793a</a></body></html>\n"
single('19-shift-jis-base64', 'SJIS', b64(crlf(html19).encode('shift_jis')), ctype='text/html; charset=Shift_JIS', cte='base64')

lf20 = (HDR.format(subject='LF', mid='20') + "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n").replace('\r\n', '\n').encode() \
    + quopri.encodestring("<html><body><a href=\"https://shop.example/lf-only?x=1&amp;y=2\">LF</a> caf\u00e9</body></html>\n".encode('utf-8'))
write('20-lf-line-endings', lf20)

pre21 = crlf(HDR.format(subject='Preamble', mid='21') + """Content-Type: multipart/alternative;
 boundary="=_b21 with space"

Preamble https://shop.example/preamble
--=_b21 with space   
Content-Type: text/html

<a href="https://shop.example/padded">padded delimiter</a>
--=_b21 with space
Content-Type: text/plain

--=_b21 with spaceX is not a delimiter
--=_b21 with space--   
Epilogue <a href="https://shop.example/epilogue">x</a>
""")
write('21-preamble-epilogue-padding', pre21)

rfc822 = crlf(HDR.format(subject='Forward', mid='23') + """Content-Type: multipart/mixed; boundary="fwd"

--fwd
Content-Type: text/html

<p>See the forwarded mail. <a href="https://shop.example/outer">outer</a></p>
--fwd
Content-Type: message/rfc822

From: other@elsewhere.example
Subject: inner
Content-Type: text/html

<a href="https://elsewhere.example/inner">inner stays</a>
--fwd--
""")
write('22-message-rfc822-untouched', rfc822)

longurl = 'https://shop.example/long?' + 'x' * 2100
single('23-url-length-bound', 'Long', """<html><body>
<a href="%s">too long</a>
<a href="https://shop.example/short">short</a>
</body></html>
""" % longurl)

single('24-whitespace-in-href', 'Whitespace', """<html><body>
<a href="  https://shop.example/padded  ">padded</a>
<a href="https://shop.example/
split/path">newline inside</a>
<a href="https://shop.example/has space">space inside stays</a>
<a href="\thttps://shop.example/tab">tab</a>
</body></html>
""")

mc25 = crlf(HDR.format(subject='No close', mid='25') + """Content-Type: multipart/alternative; boundary="nc25"

--nc25
Content-Type: text/plain

plain
--nc25
Content-Type: text/html

<a href="https://shop.example/no-close-delimiter">x</a>
""")
write('25-missing-close-delimiter', mc25)

single('26-opens-only', 'Opens only', """<html><body><a href="https://shop.example/untouched">x</a></body></html>
""", options='opens')

single('27-last-body-close', 'Bodies', """<html><BODY>
<p>text with a </body> in a paragraph? no, a real end tag</p>
<a href="https://shop.example/x">x</a>
</BODY >
</html>
""")

qp28html = ("<html><body><table><tr><td style=\"padding:0 10px 0 10px;font-family:Helvetica,Arial,sans-serif;font-size:14px;line-height:20px;color:#333333\">"
            "<a href=\"https://shop.example/a-very-long-path/that/will/need/a/soft/line/break/when/encoded?with=query&amp;and=more\" style=\"color:#0066cc\">Long</a>   \n"
            "trailing blanks above; = sign; tab\tinside</td></tr></table></body></html>\n")
single('28-qp-long-lines', 'QP long', qp(crlf(qp28html).encode('utf-8')), ctype='text/html; charset="utf-8"', cte='quoted-printable')

single('29-header-case-and-comments', 'Header case', b"=3Ca href=3D\"https://shop.example/case\"=3Ex=3C/a=3E\r\n",
       ctype='TEXT/HTML (the body); Charset="UTF-8"', cte='Quoted-Printable')

unk30 = crlf(HDR.format(subject='Unknown CTE', mid='30') + """Content-Type: multipart/mixed; boundary=u30

--u30
Content-Type: text/html
Content-Transfer-Encoding: x-uuencode

<a href="https://shop.example/uuencoded-stays">x</a>
--u30
Content-Type: text/html
Content-Transfer-Encoding: 7bit

<a href="https://shop.example/seven-bit">x</a>
--u30--
""")
write('30-unknown-transfer-encoding', unk30)

single('31-image-map', 'Map', """<html><body>
<img src="https://cdn.shop.example/map.png" usemap="#m">
<map name="m">
<area shape="rect" coords="0,0,100,100" href="https://shop.example/left" alt="left">
<area shape="rect" coords="100,0,200,100" href="mailto:a@shop.example" alt="mail">
<area shape="default" nohref>
</map>
</body></html>
""")

links = ''.join('<a href="https://shop.example/product/%d?utm_source=newsletter&amp;utm_medium=email">P%d</a> ' % (i, i) for i in range(1, 10))
single('32-seven-bit-line-limit', 'Line limit', "<html><body><p>" + links + "</p></body></html>\n")

single('33-template-and-script-case', 'Nesting', """<html><body>
<script>document.write("</scr" + "ipt>")</script>
<a href="https://shop.example/after-script">after</a>
<style media="screen">/* <a href="https://shop.example/style"> */</style >
<a href="https://shop.example/after-style">after style</a>
</body></html>
""")
