/* Photo preparation on the phone, before a photo goes into the outbox.
 *
 *   PhotoPrep.readGps(file)  -> Promise<{lat, lon} | null>   position from a JPEG's EXIF
 *   PhotoPrep.shrink(file)   -> Promise<File>   large JPEG/PNG/WebP re-encoded at most 2048 px
 *
 * Shrinking saves upload time on a bad network (4 MB -> about 0.5 MB) and drops the metadata
 * already on the phone; the server still checks, strips and downscales every photo. Anything
 * the browser cannot do (HEIC, old browsers) keeps the original file. */
(function () {
  "use strict";

  var MAX_EDGE = 2048;
  var SHRINK_ABOVE_BYTES = 1500000;

  function rational(view, offset, little) {
    var den = view.getUint32(offset + 4, little);
    return den ? view.getUint32(offset, little) / den : 0;
  }

  function gpsFromTiff(view, tiff) {
    var little = view.getUint16(tiff) === 0x4949;
    var entries = function (ifd) {
      var found = {};
      var count = view.getUint16(ifd, little);
      for (var i = 0; i < count; i++) {
        var entry = ifd + 2 + i * 12;
        found[view.getUint16(entry, little)] = entry;
      }
      return found;
    };
    var ifd0 = entries(tiff + view.getUint32(tiff + 4, little));
    if (!ifd0[0x8825]) { return null; }
    var gps = entries(tiff + view.getUint32(ifd0[0x8825] + 8, little));
    if (!gps[2] || !gps[4]) { return null; }
    var dms = function (tag) {
      var at = tiff + view.getUint32(gps[tag] + 8, little);
      return rational(view, at, little) + rational(view, at + 8, little) / 60 + rational(view, at + 16, little) / 3600;
    };
    var ref = function (tag) { return gps[tag] ? String.fromCharCode(view.getUint8(gps[tag] + 8)) : ""; };
    var lat = dms(2) * (ref(1) === "S" ? -1 : 1);
    var lon = dms(4) * (ref(3) === "W" ? -1 : 1);
    return lat || lon ? { lat: lat, lon: lon } : null;
  }

  function readGps(file) {
    if (!/jpe?g$/i.test(file.type) || !file.arrayBuffer) { return Promise.resolve(null); }
    return file.slice(0, 131072).arrayBuffer().then(function (buffer) {
      var view = new DataView(buffer);
      if (view.getUint16(0) !== 0xffd8) { return null; }
      var offset = 2;
      while (offset + 4 < view.byteLength) {
        var marker = view.getUint16(offset);
        var length = view.getUint16(offset + 2);
        if (marker === 0xffe1 && view.getUint32(offset + 4) === 0x45786966) { // "Exif"
          return gpsFromTiff(view, offset + 10);
        }
        if ((marker & 0xff00) !== 0xff00 || marker === 0xffda) { return null; }
        offset += 2 + length;
      }
      return null;
    }).catch(function () { return null; });
  }

  function shrink(file) {
    if (!/^image\/(jpeg|png|webp)$/.test(file.type) || file.size < SHRINK_ABOVE_BYTES || !window.createImageBitmap) {
      return Promise.resolve(file);
    }
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, MAX_EDGE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      if (bitmap.close) { bitmap.close(); }
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob || blob.size >= file.size) { resolve(file); return; }
          var name = file.name.replace(/\.[^.]+$/, "") + ".jpg";
          resolve(new File([blob], name, { type: "image/jpeg", lastModified: file.lastModified }));
        }, "image/jpeg", 0.85);
      });
    }).catch(function () { return file; });
  }

  window.PhotoPrep = { readGps: readGps, shrink: shrink };
})();
